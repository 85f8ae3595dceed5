namespace Seedance;

/// <summary>What kind of failure an error is, independent of which provider reported it.</summary>
/// <remarks>The cmdlets map each category to a PowerShell ErrorCategory; scripts can branch on it.</remarks>
public enum SeedanceErrorCategory
{
    /// <summary>Bad input, caught before anything was sent, or refused by the provider.</summary>
    Validation,
    /// <summary>Missing, wrong, or unactivated API key.</summary>
    Authentication,
    /// <summary>The account has no credit left.</summary>
    InsufficientBalance,
    /// <summary>The provider asked us to slow down, and retrying did not get through in time.</summary>
    RateLimited,
    /// <summary>The provider's moderation refused the prompt or an image.</summary>
    ContentPolicy,
    /// <summary>The task, model or path does not exist.</summary>
    NotFound,
    /// <summary>The provider failed (5xx), or the task failed on its side.</summary>
    Server,
    /// <summary>The connection failed or dropped.</summary>
    Network,
    /// <summary>A call or a wait ran out of time.</summary>
    Timeout,
    /// <summary>The operation is not offered by this provider.</summary>
    NotSupported,
    /// <summary>A local file could not be read or written.</summary>
    FileSystem,
}
