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

    /// <summary>At most this many status requests in flight at once; null sizes it to the throttle limit (<see cref="PollsInFlight"/>).</summary>
    public int? MaxConcurrentPolls { get; set; }

    /// <summary>At most this many downloads at once; null sizes it to the throttle limit (<see cref="DownloadsInFlight"/>).</summary>
    public int? MaxConcurrentDownloads { get; set; }

    /// <summary>
    /// Status requests in flight at once: 8, and one more for every 32 throttle slots past 256. The tasks of a full
    /// tier finish together when they were submitted together, and each wants its status asked within a twentieth
    /// of its generation time; a thousand slots answered 8 requests at a time would wait seconds for their turn.
    /// </summary>
    public int PollsInFlight => MaxConcurrentPolls ?? GrownWithThrottle(floor: 8, slotsPerMore: 32);

    /// <summary>
    /// Submits on the wire at once from one New-SeedanceVideo: 8, and one more for every 32 throttle slots past 256.
    /// A submit waits for two journal flushes and a round trip, so a wave of a thousand freed slots refilled 8 at a
    /// time takes seconds; each submit still takes its own slot first, so no more go out than the tier has room for.
    /// </summary>
    public int SubmitsInFlight => GrownWithThrottle(floor: 8, slotsPerMore: 32);

    /// <summary>
    /// Downloads at once: 4 (enough to fill a line with videos of some megabytes), and one more for every 64
    /// throttle slots past 256, so that a tier's wave of finished videos is not queued behind four at a time.
    /// </summary>
    public int DownloadsInFlight => MaxConcurrentDownloads ?? GrownWithThrottle(floor: 4, slotsPerMore: 64);

    /// <summary>The rule the limits above share: <paramref name="floor"/>, and one more for every <paramref name="slotsPerMore"/> throttle slots past floor × slotsPerMore.</summary>
    private int GrownWithThrottle(int floor, int slotsPerMore) => Math.Max(floor, ThrottleLimit / slotsPerMore);

    public HttpSettings Http { get; set; } = new();

    /// <summary>The providers' Seedance guides give an enterprise tier 10 jobs at once; most accounts allow at least that or queue the rest.</summary>
    public const int DefaultThrottleLimit = 10;
}
