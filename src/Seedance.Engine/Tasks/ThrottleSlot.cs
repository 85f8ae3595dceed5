using System.Threading.RateLimiting;

namespace Seedance.Tasks;

/// <summary>
/// A throttle slot taken before its submit starts, by a caller that must not read inputs ahead of the throttle:
/// New-SeedanceVideo keeps several submits on the wire, but only as many as there are free slots, so the pipeline
/// above it still waits while the tier is full. The submit takes the slot over; disposing a slot no submit took
/// frees it.
/// </summary>
public sealed class ThrottleSlot : IDisposable
{
    private RateLimitLease? _lease;

    /// <param name="lease">The slot's lease; null on a connection with no throttle limit.</param>
    internal ThrottleSlot(RateLimitLease? lease) => _lease = lease;

    /// <summary>Hands the lease to the task that now holds the slot; afterwards disposing this frees nothing.</summary>
    internal RateLimitLease? TakeOver() => Interlocked.Exchange(ref _lease, null);

    public void Dispose() => TakeOver()?.Dispose();
}
