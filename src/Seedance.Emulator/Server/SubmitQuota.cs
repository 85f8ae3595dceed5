using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace Seedance.Emulator.Server;

/// <summary>
/// Per-minute submit quotas, per provider and key, for the twins whose providers document one (WaveSpeed's
/// videos per minute by tier, Replicate's 600 creates per minute). Each twin answers an exhausted quota in its
/// provider's own way; the counting is shared.
/// </summary>
public sealed class SubmitQuota
{
    /// <summary>The providers whose twins answer an exhausted submit quota: the two that publish one (providers.md, cheat sheet).</summary>
    public static readonly IReadOnlyList<string> Providers = new[] { "WaveSpeed", "Replicate" };

    private readonly ConcurrentDictionary<string, FixedWindowRateLimiter> _windows = new(StringComparer.Ordinal);

    /// <summary>
    /// Counts one submit by <paramref name="key"/> against <paramref name="perMinute"/> (0 = no quota); false, with
    /// the wait until the window resets, when the quota is used up.
    /// </summary>
    public bool TryAdmit(string provider, string key, int perMinute, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (perMinute <= 0)
        {
            return true;
        }

        // Replenished on demand rather than by a timer, so an idle emulator holds no timers for it.
        var window = _windows.GetOrAdd(provider + "\n" + key, _ => new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
        {
            PermitLimit = perMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = false,
        }));
        window.TryReplenish();
        using var lease = window.AttemptAcquire();
        if (lease.IsAcquired)
        {
            return true;
        }

        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        return false;
    }
}
