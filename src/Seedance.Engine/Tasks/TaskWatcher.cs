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
    private readonly Func<VideoTask, Expectation> _expect;
    private readonly Action<VideoTask, TimeSpan> _observe;
    private readonly TaskLifecycle _lifecycle;
    private readonly PollSchedule _schedule;
    private readonly SemaphoreSlim _pollSlots;
    private readonly ConcurrentDictionary<string, Watched> _watched = new(StringComparer.Ordinal);
    private readonly DueQueue<(Watched Watched, long Plan)> _due = new();
    private readonly Dictionary<string, int> _scoutsByKind = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _wake = new(0);
    private readonly CancellationTokenSource _disposed = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly object _loopGate = new();
    private readonly Random _jitter = new();
    private Task? _loop;

    public TaskWatcher(
        Func<VideoTask, CancellationToken, Task<VideoTask>> refresh,
        Func<VideoTask, Expectation> expect,
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
        var candidate = new Watched(task, _clock.Elapsed, justSubmitted);
        var watched = _watched.GetOrAdd(task.Id, candidate);
        if (ReferenceEquals(watched, candidate))
        {
            PlanFirstLook(watched);
        }

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
            Unwatch(watched);
            Announce(final, () => watched.Final.TrySetResult(final));
        }
    }

    /// <summary>
    /// The loop: takes the tasks that are due off the queue and starts their polls, then sleeps until the next is
    /// due or something changes. A wake costs O(log n) per due task, not a walk over every task followed.
    /// </summary>
    private async Task RunAsync()
    {
        var token = _disposed.Token;
        var due = new List<(Watched Watched, long Plan)>();
        while (!token.IsCancellationRequested)
        {
            due.Clear();
            var sleep = _due.TakeDue(_clock.Elapsed, due);
            foreach (var (watched, plan) in due)
            {
                if (watched.StartPoll(plan))
                {
                    _ = PollAsync(watched, token);
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

    /// <summary>
    /// A task just submitted is first looked at when its kind's time says it may be done, or soon if it scouts for
    /// a kind not measured yet; any other task at once.
    /// </summary>
    private void PlanFirstLook(Watched watched)
    {
        if (!watched.JustSubmitted)
        {
            Schedule(watched, TimeSpan.Zero);
            return;
        }

        var expectation = _expect(watched.Latest);
        watched.Kind = expectation.Kind;
        watched.ScoutPlace = expectation.Measured ? null : TryEnlistScout(expectation.Kind);
        Schedule(watched, _schedule.FirstDelay(expectation, watched.ScoutPlace, NextJitter()));
    }

    /// <summary>Puts the task's next look on the queue (replacing any look planned before) and wakes the loop.</summary>
    private void Schedule(Watched watched, TimeSpan delay) => Enqueue(watched, watched.Plan(), delay);

    private void Enqueue(Watched watched, long plan, TimeSpan delay)
    {
        _due.Add((watched, plan), _clock.Elapsed + delay);
        _wake.Release();
    }

    /// <summary>A place among the kind's scouts (the count before this one), or null when they are all taken.</summary>
    private int? TryEnlistScout(string kind)
    {
        lock (_scoutsByKind)
        {
            _scoutsByKind.TryGetValue(kind, out var scouts);
            if (scouts >= _schedule.Scouts)
            {
                return null;
            }

            _scoutsByKind[kind] = scouts + 1;
            return scouts;
        }
    }

    /// <summary>Gives a scout's place back to its kind.</summary>
    private void DismissScout(Watched watched, bool wasScout)
    {
        if (!wasScout)
        {
            return;
        }

        lock (_scoutsByKind)
        {
            if (_scoutsByKind.TryGetValue(watched.Kind!, out var scouts))
            {
                _scoutsByKind[watched.Kind!] = scouts - 1;
            }
        }
    }

    /// <summary>Stops looking at a task no longer followed; a look still on the queue is skipped when it comes due.</summary>
    private void Unwatch(Watched watched) => DismissScout(watched, watched.Retire());

    /// <summary>
    /// The first measured time of a kind re-plans every task of that kind waiting on a guess: each is looked at
    /// when the measured time says, at once if that has passed. The one walk over the tasks, once per kind.
    /// </summary>
    private void Replan(Expectation measured)
    {
        foreach (var watched in _watched.Values)
        {
            if (watched.Kind != measured.Kind)
            {
                continue;
            }

            DismissScout(watched, watched.StopScouting());
            if (watched.TryReplan(out var plan))
            {
                var sinceSubmit = _clock.Elapsed - watched.StartedAt;
                var firstLook = _schedule.FirstDelay(measured, scoutPlace: null, NextJitter());
                Enqueue(watched, plan, firstLook > sinceSubmit ? firstLook - sinceSubmit : TimeSpan.Zero);
            }
        }
    }

    private async Task PollAsync(Watched watched, CancellationToken token)
    {
        try
        {
            VideoTask snapshot;
            TimeSpan askedAt, answeredAt;
            await _pollSlots.WaitAsync(token).ConfigureAwait(false);
            try
            {
                askedAt = _clock.Elapsed;
                snapshot = await _refresh(watched.Latest, token).ConfigureAwait(false);
                answeredAt = _clock.Elapsed;
            }
            finally
            {
                // Freed before the answer is acted on: journalling an end waits for the disk, and other polls need not.
                _pollSlots.Release();
            }

            watched.Failures = 0;
            Accept(watched, snapshot, askedAt + TimeSpan.FromTicks((answeredAt - askedAt).Ticks / 2));
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            Fail(watched, ex);
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
            // A task watched from elsewhere (the journal, another session) may be anywhere in its run: like a scout,
            // it is asked about at intervals that grow with the wait, not held until a time it may be far past.
            Schedule(watched, _schedule.NextDelay(_clock.Elapsed - watched.StartedAt, _expect(snapshot), watched.ScoutPlace ?? (watched.JustSubmitted ? null : 0), NextJitter()));
            return;
        }

        if (watched.JustSubmitted && snapshot.Lifecycle == TaskState.Succeeded)
        {
            // The task finished between the last "not yet" and this "done": take the middle. If the very first
            // answer was "done", all we know is an upper bound, so shade it down a little (about half the interval
            // between looks) and never let it raise a measured time: a first look that came late (a busy machine,
            // a slow answer) says nothing about the generation, and counting its lateness would make every later
            // first look later still. A time that really grew shows itself as a "not yet" first, and is taken then.
            var expected = _expect(snapshot);
            var upperBound = TimeSpan.FromTicks((long)((seenAt - watched.StartedAt).Ticks * (1 - (_schedule.FollowStep / 2))));
            var took = watched.LastSeenUnfinishedAt is { } before
                ? TimeSpan.FromTicks(((before + seenAt).Ticks / 2) - watched.StartedAt.Ticks)
                : expected.Measured && upperBound > expected.Expected ? expected.Expected : upperBound;
            _observe(snapshot, took);
            if (!expected.Measured && _expect(snapshot) is { Measured: true } measured)
            {
                Replan(measured);
            }
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
                Unwatch(watched);
                Announce(watched.Latest, () => watched.Final.TrySetException(exception));
            }

            return;
        }

        // The HTTP core already retried; this is an outage. Keep the watch, ask again later.
        Schedule(watched, TimeSpan.FromSeconds(Math.Min(60, Math.Pow(2, watched.Failures))));
    }

    private void End(Watched watched, VideoTask final)
    {
        if (_watched.TryRemove(final.Id, out _))
        {
            Unwatch(watched);
            Announce(final, () => watched.Final.TrySetResult(final));
        }
    }

    /// <summary>
    /// Ends the task before the waiters hear: whoever waited for a task finds its outcome journalled and its slot
    /// free. The waiters hear even if ending it fails. Not waited for: the journal line is group-committed with
    /// the others ending now, and the poll that saw the end has nothing more to do.
    /// </summary>
    private void Announce(VideoTask last, Action completeWaiters) => _ = AnnounceAsync(last, completeWaiters);

    private async Task AnnounceAsync(VideoTask last, Action completeWaiters)
    {
        try
        {
            await _lifecycle.EndAsync(last).ConfigureAwait(false);
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

        public TimeSpan? LastSeenUnfinishedAt { get; set; }

        public int Failures { get; set; }

        /// <summary>Its expectation's kind, for a task just submitted; null for one watched from elsewhere.</summary>
        public string? Kind { get; set; }

        /// <summary>Its place among its kind's scouts while it scouts (see <see cref="PollSchedule"/>); null otherwise.</summary>
        public int? ScoutPlace { get; set; }


        // The plan current on the queue; a look planned earlier and replaced is skipped when it comes due.
        private readonly object _gate = new();
        private long _plan;
        private bool _inFlight;
        private bool _retired;

        /// <summary>A new plan for its next look, once its last request is answered.</summary>
        public long Plan()
        {
            lock (_gate)
            {
                _inFlight = false;
                return ++_plan;
            }
        }

        /// <summary>A new plan replacing the waiting one; false while a request is queued or under way (its answer plans next).</summary>
        public bool TryReplan(out long plan)
        {
            lock (_gate)
            {
                plan = _inFlight || _retired ? 0 : ++_plan;
                return plan != 0;
            }
        }

        /// <summary>Whether a look that came due is still its plan; if so its request is now under way.</summary>
        public bool StartPoll(long plan)
        {
            lock (_gate)
            {
                if (_inFlight || _retired || plan != _plan)
                {
                    return false;
                }

                _inFlight = true;
                return true;
            }
        }

        /// <summary>No more looks (it ended or is no longer followed); true if it was scouting.</summary>
        public bool Retire()
        {
            lock (_gate)
            {
                _retired = true;
                return StopScouting();
            }
        }

        /// <summary>Stops its scouting; true if it was scouting.</summary>
        public bool StopScouting()
        {
            lock (_gate)
            {
                var was = ScoutPlace is not null;
                ScoutPlace = null;
                return was;
            }
        }

        public TaskCompletionSource<VideoTask> Final { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
