using System.Collections.Concurrent;
using System.Diagnostics;
using Seedance.Http;

namespace Seedance.Tasks;

/// <summary>
/// Watches every unfinished task of one connection from a single background loop: each task is polled on
/// its own adaptive schedule, status requests are bounded in number at any moment, and each task's final
/// snapshot completes the <see cref="Task"/> that <see cref="Watch"/> returned — in the order tasks finish.
/// </summary>
/// <remarks>
/// One watcher per connection means a task is polled once however many cmdlets wait for it, and tasks keep
/// being followed (so throttle slots free up and the journal learns the outcome) with nobody waiting. What a
/// change or an end means beyond the waiters is the connection's <see cref="TaskLifecycle"/>'s business.
/// </remarks>
public sealed class TaskWatcher : IDisposable
{
    private readonly Func<VideoTask, CancellationToken, Task<VideoTask>> _refresh;
    private readonly Func<VideoTask, (TimeSpan Expected, bool Measured)> _expect;
    private readonly Action<VideoTask, TimeSpan> _observe;
    private readonly TaskLifecycle _lifecycle;
    private readonly PollSchedule _schedule;
    private readonly SemaphoreSlim _pollSlots;
    private readonly ConcurrentDictionary<string, Watched> _watched = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _wake = new(0);
    private readonly CancellationTokenSource _disposed = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly object _loopGate = new();
    private readonly Random _jitter = new();
    private Task? _loop;

    public TaskWatcher(
        Func<VideoTask, CancellationToken, Task<VideoTask>> refresh,
        Func<VideoTask, (TimeSpan Expected, bool Measured)> expect,
        Action<VideoTask, TimeSpan> observe,
        PollSchedule schedule,
        int maxConcurrentPolls,
        TaskLifecycle lifecycle)
    {
        _refresh = refresh;
        _expect = expect;
        _observe = observe;
        _lifecycle = lifecycle;
        _schedule = schedule;
        _pollSlots = new SemaphoreSlim(Math.Max(1, maxConcurrentPolls));
    }

    /// <summary>
    /// A task still unfinished this long after watching began is abandoned with a timeout, which frees its
    /// throttle slot (providers' tasks can hang in "running" for good). Waiters usually give up sooner.
    /// </summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Tasks currently being followed.</summary>
    public int Count => _watched.Count;

    /// <summary>
    /// Follows <paramref name="task"/> until it is final. A task just submitted is first polled when its
    /// result may be ready; any other task is polled at once. Watching a task twice shares one watch. A task
    /// final already (a submit answered "completed", say) ends at once.
    /// </summary>
    /// <param name="justSubmitted">The task is new to this connection, so its first poll waits until it may be done.</param>
    public Task<VideoTask> Watch(VideoTask task, bool justSubmitted = false)
    {
        if (task.IsFinal)
        {
            _lifecycle.End(task);
            return Task.FromResult(task);
        }

        // Opened before the watch is shared: whichever watch a waiter joins, the task's end comes after this.
        _lifecycle.Open(task);
        var watched = _watched.GetOrAdd(task.Id, _ => new Watched(task, _clock.Elapsed, justSubmitted));
        lock (_loopGate)
        {
            if (_loop is null)
            {
                // The loop outlives the cmdlet that started it, so it must not carry that cmdlet's log sink.
                SeedanceLog.Detached(() => _loop = Task.Run(RunAsync));
            }
        }

        _wake.Release();
        return watched.Final.Task;
    }

    /// <summary>The newest snapshot of a watched task, or null when it is not watched.</summary>
    public VideoTask? Latest(string id) => _watched.TryGetValue(id, out var watched) ? watched.Latest : null;

    /// <summary>Stops following a task (after it was cancelled, say); its waiters get <paramref name="final"/>.</summary>
    public void Forget(VideoTask final)
    {
        if (_watched.TryRemove(final.Id, out var watched))
        {
            Announce(final, () => watched.Final.TrySetResult(final));
        }
    }

    private async Task RunAsync()
    {
        var token = _disposed.Token;
        while (!token.IsCancellationRequested)
        {
            var now = _clock.Elapsed;
            var sleep = Timeout.InfiniteTimeSpan;
            foreach (var watched in _watched.Values)
            {
                if (watched.InFlight)
                {
                    continue;
                }

                var due = watched.NextPollAt ?? (watched.NextPollAt = now + FirstDelay(watched, now)).Value;
                if (due <= now)
                {
                    watched.InFlight = true;
                    _ = PollAsync(watched, token);
                }
                else if (sleep == Timeout.InfiniteTimeSpan || due - now < sleep)
                {
                    sleep = due - now;
                }
            }

            lock (_loopGate)
            {
                if (_watched.IsEmpty)
                {
                    _loop = null;
                    return;
                }
            }

            try
            {
                await _wake.WaitAsync(sleep, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private TimeSpan FirstDelay(Watched watched, TimeSpan now)
    {
        if (!watched.JustSubmitted)
        {
            return TimeSpan.Zero;
        }

        var (expected, measured) = _expect(watched.Latest);
        return _schedule.NextDelay(now - watched.StartedAt, expected, measured, NextJitter());
    }

    private async Task PollAsync(Watched watched, CancellationToken token)
    {
        try
        {
            await _pollSlots.WaitAsync(token).ConfigureAwait(false);
            try
            {
                var askedAt = _clock.Elapsed;
                var snapshot = await _refresh(watched.Latest, token).ConfigureAwait(false);
                var answeredAt = _clock.Elapsed;
                watched.Failures = 0;
                Accept(watched, snapshot, askedAt + TimeSpan.FromTicks((answeredAt - askedAt).Ticks / 2));
            }
            finally
            {
                _pollSlots.Release();
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            Fail(watched, ex);
        }
        finally
        {
            watched.InFlight = false;
            _wake.Release();
        }
    }

    private void Accept(Watched watched, VideoTask snapshot, TimeSpan seenAt)
    {
        var previous = watched.Latest;
        watched.Latest = snapshot;
        if (snapshot.State != previous.State || snapshot.QueuePosition != previous.QueuePosition)
        {
            _lifecycle.ReportChanged(snapshot);
        }

        if (!snapshot.IsFinal && _clock.Elapsed - watched.StartedAt > GiveUpAfter)
        {
            Fail(watched, new SeedanceException(SeedanceErrorCategory.Timeout, ErrorIds.TaskStuck,
                $"Task {snapshot.Id} is still {snapshot.StateWord()} after {GiveUpAfter.TotalHours:0.#} h; no longer following it. Check it with Get-SeedanceTask -Id {snapshot.Id}, or stop it with Stop-SeedanceTask.")
            { TaskId = snapshot.Id, Provider = snapshot.Provider });
            return;
        }

        if (!snapshot.IsFinal)
        {
            watched.LastSeenUnfinishedAt = seenAt;
            var (expected, measured) = _expect(snapshot);
            watched.NextPollAt = _clock.Elapsed + _schedule.NextDelay(_clock.Elapsed - watched.StartedAt, expected, measured, NextJitter());
            return;
        }

        if (watched.JustSubmitted && snapshot.Lifecycle == TaskState.Succeeded)
        {
            // The task finished between the last "not yet" and this "done": take the middle. If the very first
            // answer was "done", all we know is an upper bound, so shade it down.
            var took = watched.LastSeenUnfinishedAt is { } before
                ? TimeSpan.FromTicks(((before + seenAt).Ticks / 2) - watched.StartedAt.Ticks)
                : TimeSpan.FromTicks((long)((seenAt - watched.StartedAt).Ticks * 0.9));
            _observe(snapshot, took);
        }

        End(watched, snapshot);
    }

    private void Fail(Watched watched, Exception exception)
    {
        watched.Failures++;
        var permanent = exception is SeedanceException { Category: SeedanceErrorCategory.Authentication }
            || (exception is SeedanceException { Category: SeedanceErrorCategory.NotFound } && watched.Failures >= 3)
            || _clock.Elapsed - watched.StartedAt > GiveUpAfter;
        if (permanent)
        {
            if (_watched.TryRemove(watched.Latest.Id, out _))
            {
                Announce(watched.Latest, () => watched.Final.TrySetException(exception));
            }

            return;
        }

        // The HTTP core already retried; this is an outage. Keep the watch, ask again later.
        var backoff = TimeSpan.FromSeconds(Math.Min(60, Math.Pow(2, watched.Failures)));
        watched.NextPollAt = _clock.Elapsed + backoff;
    }

    private void End(Watched watched, VideoTask final)
    {
        if (_watched.TryRemove(final.Id, out _))
        {
            Announce(final, () => watched.Final.TrySetResult(final));
        }
    }

    /// <summary>
    /// Ends the task before the waiters hear: whoever waited for a task finds its outcome journalled and its slot
    /// free. The waiters hear even if ending it fails.
    /// </summary>
    private void Announce(VideoTask last, Action completeWaiters)
    {
        try
        {
            _lifecycle.End(last);
        }
        finally
        {
            completeWaiters();
        }
    }

    private double NextJitter()
    {
        lock (_jitter)
        {
            return _jitter.NextDouble();
        }
    }

    public void Dispose()
    {
        _disposed.Cancel();
        foreach (var watched in _watched.Values)
        {
            watched.Final.TrySetCanceled();
        }
    }

    private sealed class Watched
    {
        public Watched(VideoTask task, TimeSpan startedAt, bool justSubmitted)
        {
            Latest = task;
            StartedAt = startedAt;
            JustSubmitted = justSubmitted;
        }

        public VideoTask Latest { get; set; }

        public TimeSpan StartedAt { get; }

        public bool JustSubmitted { get; }

        public TimeSpan? NextPollAt { get; set; }

        public TimeSpan? LastSeenUnfinishedAt { get; set; }

        public int Failures { get; set; }

        /// <summary>True while a status request for the task is queued or under way; only the loop sets it.</summary>
        public bool InFlight
        {
            get => Volatile.Read(ref _inFlight);
            set => Volatile.Write(ref _inFlight, value);
        }

        private bool _inFlight;

        public TaskCompletionSource<VideoTask> Final { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
