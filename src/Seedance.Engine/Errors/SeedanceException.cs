namespace Seedance;

/// <summary>
/// The one exception type the engine throws for anything a user can act on.
/// Messages say what went wrong and what to do; they never contain an API key.
/// </summary>
public class SeedanceException : Exception
{
    public SeedanceException(SeedanceErrorCategory category, string errorId, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Category = category;
        ErrorId = errorId;
    }

    /// <summary>What kind of failure this is.</summary>
    public SeedanceErrorCategory Category { get; }

    /// <summary>A stable identifier scripts can match on, e.g. <c>DurationNotSupported</c>.</summary>
    public string ErrorId { get; }

    /// <summary>What to do about it, in one sentence, where there is one thing to do (PowerShell's RecommendedAction).</summary>
    public string? RecommendedAction { get; init; }

    /// <summary>The cmdlet parameter the problem is about, when it is about one.</summary>
    public string? ParameterName { get; init; }

    /// <summary>The provider the failure came from, when it came from one.</summary>
    public string? Provider { get; init; }

    /// <summary>The HTTP status code the provider answered with, when there was an answer.</summary>
    public int? StatusCode { get; init; }

    /// <summary>The provider's own error code (e.g. Ark's <c>InputImageRiskDetection</c>), when it gave one.</summary>
    public string? ProviderCode { get; init; }

    /// <summary>
    /// For a moderation refusal, the input the provider flagged: a parameter name (Image, Prompt, ReferenceVideo...) or
    /// GeneratedVideo / GeneratedAudio (see <see cref="Seedance.FlaggedInput"/>); null when it did not say.
    /// </summary>
    public string? FlaggedInput { get; init; }

    /// <summary>The task the failure concerns, when it concerns one.</summary>
    public string? TaskId { get; init; }

    /// <summary>
    /// True when a submit failed in a way that leaves open whether the provider created (and bills) the task.
    /// Such a failure is never retried automatically.
    /// </summary>
    public bool SubmitMayHaveSucceeded { get; init; }

    /// <summary>Seconds the provider asked us to wait before trying again, when it said.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
