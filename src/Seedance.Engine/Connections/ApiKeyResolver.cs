using Seedance.Providers;

namespace Seedance.Connections;

/// <summary>
/// Finds the key for a provider when none was given: the provider's own environment variable first
/// (WAVESPEED_API_KEY, FAL_KEY...), then SEEDANCE_API_KEY.
/// </summary>
public static class ApiKeyResolver
{
    public const string GenericVariable = "SEEDANCE_API_KEY";

    public static IEnumerable<string> VariablesFor(ProviderInfo provider) => provider.KeyVariables.Concat(new[] { GenericVariable });

    public static ApiKeySecret Resolve(ProviderInfo provider, ApiKeySecret? given, Func<string, string?> environment)
    {
        if (given is not null)
        {
            return given;
        }

        foreach (var variable in VariablesFor(provider))
        {
            var value = environment(variable);
            if (!string.IsNullOrWhiteSpace(value))
            {
                return ApiKeySecret.FromPlainText(value!, $"environment variable {variable}");
            }
        }

        throw new SeedanceException(SeedanceErrorCategory.Authentication, ErrorIds.ApiKeyMissing,
            $"No API key for {provider.Name}. Pass -ApiKey (a SecureString, e.g. from Get-Secret or Read-Host -AsSecureString), or set {string.Join(" or ", VariablesFor(provider))}.")
        { ParameterName = "ApiKey", Provider = provider.Name, RecommendedAction = $"Pass -ApiKey, or set {string.Join(" or ", VariablesFor(provider))}." };
    }
}
