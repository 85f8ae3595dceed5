namespace Seedance.Http;

/// <summary>What a provider's error answer means: a category, a message for people, and the provider's own code.</summary>
public sealed class ApiFailure
{
    public ApiFailure(SeedanceErrorCategory category, string message, string? providerCode = null)
    {
        Category = category;
        Message = message;
        ProviderCode = providerCode;
    }

    public SeedanceErrorCategory Category { get; }

    public string Message { get; }

    public string? ProviderCode { get; }

    /// <summary>The category an HTTP status means when a provider says nothing more specific.</summary>
    public static SeedanceErrorCategory CategoryOf(int statusCode) => statusCode switch
    {
        400 or 409 or 413 or 415 or 422 => SeedanceErrorCategory.Validation,
        401 => SeedanceErrorCategory.Authentication,
        402 => SeedanceErrorCategory.InsufficientBalance,
        403 => SeedanceErrorCategory.Authentication,
        404 or 410 => SeedanceErrorCategory.NotFound,
        408 or 504 => SeedanceErrorCategory.Timeout,
        429 => SeedanceErrorCategory.RateLimited,
        _ => SeedanceErrorCategory.Server,
    };
}
