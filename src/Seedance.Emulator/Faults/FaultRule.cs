namespace Seedance.Emulator.Faults;

/// <summary>
/// One scripted fault: which requests it hits (an endpoint kind, optionally one provider, the Nth calls or a
/// share of all calls) and what happens to them.
/// </summary>
public sealed class FaultRule
{
    /// <summary>submit, status, cancel, upload, list, download, or any.</summary>
    public string Endpoint { get; set; } = "any";

    /// <summary>Only requests to this provider's twin; null for every provider (and downloads).</summary>
    public string? Provider { get; set; }

    /// <summary>The 1-based call numbers (counted per endpoint kind) the fault hits; empty means every call.</summary>
    public IList<int> Calls { get; set; } = new List<int>();

    /// <summary>When set, each matching call is hit with this probability instead (for soak runs).</summary>
    public double? Probability { get; set; }

    public FaultAction Action { get; set; }

    public int StatusCode { get; set; } = 500;

    /// <summary>Sent as Retry-After in seconds.</summary>
    public int? RetryAfterSeconds { get; set; }

    /// <summary>Sent as Retry-After as an HTTP date this many seconds ahead.</summary>
    public int? RetryAfterDateSeconds { get; set; }

    /// <summary>How long <see cref="FaultAction.Delay"/> waits, and how much later <see cref="FaultAction.CreateLate"/> handles the request.</summary>
    public int DelayMilliseconds { get; set; }

    /// <summary>
    /// The body sent with <see cref="FaultAction.Status"/>; a generic one in the provider's style otherwise.
    /// <see cref="CredentialPlaceholder"/> in it is replaced by the credential the request carried, as a provider
    /// that echoes the caller's key in its error texts would send it.
    /// </summary>
    public string? Body { get; set; }

    /// <summary>Where a <see cref="Body"/> echoes the request's credential (the Authorization header after its scheme word).</summary>
    public const string CredentialPlaceholder = "{{credential}}";
}
