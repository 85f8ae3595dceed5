using Seedance.Http;

namespace Seedance.Connections;

/// <summary>What Connect-Seedance was told: which provider, where, with which key, and how hard to push it.</summary>
public sealed class ConnectionOptions
{
    public ConnectionOptions(string provider) => Provider = provider;

    public string Provider { get; }

    /// <summary>The profile name; the provider's name when not given.</summary>
    public string? Name { get; set; }

    /// <summary>The key; null reads it from the environment.</summary>
    public ApiKeySecret? ApiKey { get; set; }

    /// <summary>A gateway or emulator address; null uses the provider's own.</summary>
    public Uri? BaseUri { get; set; }

    /// <summary>The provider region (Ark: BytePlus or Volcengine), which picks the base URI and model ids.</summary>
    public string? Region { get; set; }

    /// <summary>The model used when a request names none.</summary>
    public string? DefaultModel { get; set; }

    /// <summary>At most this many of this connection's tasks unfinished at once; 0 means no limit.</summary>
    public int ThrottleLimit { get; set; } = DefaultThrottleLimit;

    /// <summary>At most this many status requests in flight at once.</summary>
    public int MaxConcurrentPolls { get; set; } = 8;

    /// <summary>At most this many downloads at once.</summary>
    public int MaxConcurrentDownloads { get; set; } = 4;

    public HttpSettings Http { get; set; } = new();

    /// <summary>The providers' Seedance guides give an enterprise tier 10 jobs at once; most accounts allow at least that or queue the rest.</summary>
    public const int DefaultThrottleLimit = 10;
}
