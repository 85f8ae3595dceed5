using System;
using System.Net;

namespace Seedance.Http;

/// <summary>Timeouts, retries and proxy for one connection. The defaults suit a real provider over the internet.</summary>
public sealed class HttpSettings
{
    /// <summary>How long one attempt of one API call may take.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one API call may take with all its retries.</summary>
    public TimeSpan OverallTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>How long establishing a TCP/TLS connection may take.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Retries after the first attempt, for calls that are safe to retry.</summary>
    public int MaxRetries { get; set; } = 6;

    /// <summary>The first backoff delay; later ones grow exponentially, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest backoff delay between two attempts.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A Retry-After longer than this is not waited out: the call fails as rate limited instead.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>A download that makes no progress for this long is abandoned and resumed.</summary>
    public TimeSpan DownloadStallTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>An explicit proxy; null uses the system proxy (environment variables on Linux and macOS).</summary>
    public IWebProxy? Proxy { get; set; }

    /// <summary>False bypasses every proxy, including the system one.</summary>
    public bool UseProxy { get; set; } = true;

    public HttpSettings Clone() => (HttpSettings)MemberwiseClone();
}
