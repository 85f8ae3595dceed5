using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Seedance.Http;
using Seedance.Journal;

namespace Seedance.Tasks;

/// <summary>
/// What happens when a task of one connection ends, however it ends (it finished, was cancelled, was given up on,
/// or was final in its submit's answer): <see cref="End"/> journals its outcome and frees its throttle slot, once.
/// A task is open from its submit's answer, or from when this connection began following it, until that end.
/// Also the one place subscribers hear that a task changed: one at a time, and a subscriber that throws is skipped,
/// so no subscriber can fail the poll that saw the change.
/// </summary>
public sealed class TaskLifecycle : IDisposable
{
    private readonly TaskJournal _journal;
    private readonly ConcurrencyLimiter? _slots;

    // The open tasks, each with the throttle slot it holds (none for a task this connection did not submit).
    private readonly ConcurrentDictionary<string, RateLimitLease?> _open = new(StringComparer.Ordinal);
    private readonly object _subscribers = new();
    private Action<VideoTask>? _changed;

    /// <param name="throttleLimit">At most this many submitted tasks open at once; 0 means no limit.</param>
    public TaskLifecycle(TaskJournal journal, int throttleLimit)
    {
        _journal = journal;
        if (throttleLimit > 0)
        {
            _slots = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
            {
                PermitLimit = throttleLimit,
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            });
        }
    }

    /// <summary>Raised on a background thread when an open task's state or queue position changes.</summary>
    public event Action<VideoTask> Changed
    {
        add
        {
            lock (_subscribers)
            {
                _changed += value;
            }
        }

        remove
        {
            lock (_subscribers)
            {
                _changed -= value;
            }
        }
    }

    /// <summary>Tasks of this connection not yet ended.</summary>
    public int Unfinished => _open.Count;

    /// <summary>Throttle slots free right now; null when the connection has no throttle limit.</summary>
    public long? FreeSlots => _slots?.GetStatistics()?.CurrentAvailablePermits;

    /// <summary>A throttle slot for one submit, waiting for a task to end when all are taken; null when unthrottled.</summary>
    internal async Task<RateLimitLease?> WaitForSlotAsync(CancellationToken cancellationToken)
    {
        if (_slots is null)
        {
            return null;
        }

        var lease = _slots.AttemptAcquire();
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            SeedanceLog.Verbose($"{_open.Count} tasks are unfinished, the throttle limit of this connection; waiting for one to finish.");
            lease = await _slots.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        }

        return lease;
    }

    /// <summary>A free throttle slot, taken now; null when every slot is taken (a connection with no limit always has one).</summary>
    internal ThrottleSlot? TryTakeSlot()
    {
        if (_slots is null)
        {
            return new ThrottleSlot(null);
        }

        var lease = _slots.AttemptAcquire();
        if (lease.IsAcquired)
        {
            return new ThrottleSlot(lease);
        }

        lease.Dispose();
        return null;
    }

    /// <summary>A throttle slot, waiting for a task to end when all are taken.</summary>
    internal async Task<ThrottleSlot> TakeSlotAsync(CancellationToken cancellationToken) =>
        new(await WaitForSlotAsync(cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// <paramref name="task"/> is open: it was just submitted (holding <paramref name="slot"/> until it ends), or this
    /// connection begins following it. Opening an open task changes nothing.
    /// </summary>
    internal void Open(VideoTask task, RateLimitLease? slot = null)
    {
        if (!_open.TryAdd(task.Id, slot))
        {
            slot?.Dispose();
        }
    }

    /// <summary>
    /// The end of an open task, with its last known snapshot: the journal learns a final outcome and the slot is
    /// freed. Only the first end of an open task does anything; returns whether this call was it.
    /// </summary>
    internal bool End(VideoTask last) => EndAsync(last).GetAwaiter().GetResult();

    /// <inheritdoc cref="End"/>
    /// <remarks>
    /// The slot frees first, then the journal line is group-committed with others ending at the same time: the next
    /// submit need not wait for this flush, since it journals its own intent before it goes out, and a crash between
    /// the two only leaves a finished task that the journal still calls unfinished, which the next look settles.
    /// </remarks>
    internal async Task<bool> EndAsync(VideoTask last)
    {
        if (!_open.TryRemove(last.Id, out var slot))
        {
            return false;
        }

        slot?.Dispose();
        if (last.IsFinal)
        {
            await _journal.TryRecordAsync(last, journal => journal.RecordStateAsync(last)).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>Tells the subscribers, one at a time, that a task changed; a subscriber's failure stays its own.</summary>
    internal void ReportChanged(VideoTask snapshot)
    {
        lock (_subscribers)
        {
            if (_changed is null)
            {
                return;
            }

            foreach (Action<VideoTask> subscriber in _changed.GetInvocationList())
            {
                try
                {
                    subscriber(snapshot);
                }
                catch (Exception ex)
                {
                    SeedanceLog.Verbose($"A subscriber to task {snapshot.Id}'s changes failed, and was skipped: {ex.Message}");
                }
            }
        }
    }

    public void Dispose()
    {
        foreach (var slot in _open.Values)
        {
            slot?.Dispose();
        }

        _open.Clear();
        _slots?.Dispose();
    }
}
