namespace Seedance.Emulator.Tasks;

/// <summary>
/// The simulated back end all twins share: tasks queue per key and provider up to that provider's concurrency
/// limit, run for the configured latency (or a time drawn from its range), then succeed or fail as their prompt's
/// markers say. Time is advanced on every access
/// (and by the server's ticker), processing completions in time order so queued tasks start exactly when a
/// slot frees.
/// </summary>
/// <remarks>
/// Every access moves time on, so each must cost O(log n) in the tasks held, not a walk over them: running tasks
/// are kept in finishing order, queued ones per account in arrival order, and the counts a limit or a high-water
/// mark needs are kept as counts (see <see cref="AccountLoad"/>).
/// </remarks>
public sealed class EmulatedTaskStore
{
    private readonly EmulatorOptions _options;
    private readonly Func<DateTimeOffset> _clock;
    private readonly object _gate = new();
    private readonly Dictionary<string, EmulatedTask> _tasks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AccountLoad> _accounts = new(StringComparer.Ordinal);

    // Running tasks that will finish, soonest first; the sequence keeps tasks due at one instant apart and in start order.
    private readonly SortedSet<(DateTimeOffset DueAt, long Sequence, EmulatedTask Task)> _finishing = new(BySoonest.Instance);
    private long _sequence;

    /// <summary>Draws latencies from the configured range; used under the lock only.</summary>
    private readonly Random _latencies = new();

    public EmulatedTaskStore(EmulatorOptions options, Func<DateTimeOffset> clock)
    {
        _options = options;
        _clock = clock;
    }

    /// <summary>Raised (outside the lock) for each task that reached a final state, e.g. to send webhooks.</summary>
    public event Action<EmulatedTask>? Finished;

    /// <summary>Raised (outside the lock) for each task created, before any of its final state is raised.</summary>
    public event Action<EmulatedTask>? Created;

    /// <param name="finishedAtOnce">
    /// The task is done the moment it exists, outside the queue: what a provider's sync mode answers for a quick
    /// generation, and what a late status check finds (the AnswerFinished fault).
    /// </param>
    public EmulatedTask Create(string id, string key, EmulatedTaskSpec spec, bool finishedAtOnce = false)
    {
        List<EmulatedTask> finished;
        EmulatedTask task;
        lock (_gate)
        {
            var now = _clock();
            finished = AdvanceLocked(now);
            var load = LoadOf(key + "\n" + spec.Provider);
            task = new EmulatedTask(id, key, spec, now, load) { State = EmulatedTaskState.Queued };
            _tasks[id] = task;
            if (finishedAtOnce)
            {
                task.StartedAt = now;
                Finish(task, now);
                finished.Add(task);
            }
            else
            {
                load.Enqueue(task);
            }

            StartQueuedLocked(load, now);
        }

        Created?.Invoke(task);
        Raise(finished);
        return task;
    }

    /// <summary>Whether moderation refuses this request's input images (see <see cref="EmulatorOptions.RealPersonMarker"/>).</summary>
    public bool RefusesInputImages(EmulatedTaskSpec spec) => spec.ImageCount > 0 && spec.Prompt.Contains(_options.RealPersonMarker);

    /// <summary>The task as of now, counted as a status request; null when unknown.</summary>
    public EmulatedTask? Observe(string id)
    {
        List<EmulatedTask> finished;
        EmulatedTask? task;
        lock (_gate)
        {
            finished = AdvanceLocked(_clock());
            if (_tasks.TryGetValue(id, out task))
            {
                task.StatusRequests++;
                if (task.IsFinal && task.FirstReportedFinishedAt is null)
                {
                    task.FirstReportedFinishedAt = _clock();
                }
            }
        }

        Raise(finished);
        return task;
    }

    /// <summary>Cancels a task if its state allows; returns the state it was in (null when unknown).</summary>
    public EmulatedTaskState? Cancel(string id, bool runningToo)
    {
        List<EmulatedTask> finished;
        EmulatedTaskState? before = null;
        lock (_gate)
        {
            var now = _clock();
            finished = AdvanceLocked(now);
            if (_tasks.TryGetValue(id, out var task))
            {
                before = task.State;
                if (task.State == EmulatedTaskState.Queued || (task.State == EmulatedTaskState.Running && runningToo))
                {
                    if (task.State == EmulatedTaskState.Queued)
                    {
                        task.Load.Dequeue(task);
                    }
                    else
                    {
                        StopRunning(task);
                    }

                    task.State = EmulatedTaskState.Cancelled;
                    task.CompletedAt = now;
                    task.Error = "cancelled";
                    task.Load.Ended();
                    StartQueuedLocked(task.Load, now);
                    finished.Add(task);
                }
            }
        }

        Raise(finished);
        return before;
    }

    /// <summary>The task as of now without counting a status request (for file serving); null when unknown.</summary>
    public EmulatedTask? Peek(string id)
    {
        List<EmulatedTask> finished;
        EmulatedTask? task;
        lock (_gate)
        {
            finished = AdvanceLocked(_clock());
            task = _tasks.TryGetValue(id, out var found) ? found : null;
        }

        // Whoever moves time on reports what finished meanwhile, or its webhook and video would never go out.
        Raise(finished);
        return task;
    }

    /// <summary>Removes a task's record (providers that delete finished tasks).</summary>
    public bool Delete(string id)
    {
        lock (_gate)
        {
            return _tasks.TryGetValue(id, out var task) && task.IsFinal && _tasks.Remove(id);
        }
    }

    /// <summary>Moves simulated time forward to now; the server's ticker calls it so webhooks go out on time.</summary>
    public void Advance()
    {
        List<EmulatedTask> finished;
        lock (_gate)
        {
            finished = AdvanceLocked(_clock());
        }

        Raise(finished);
    }

    public IReadOnlyList<EmulatedTask> Snapshot()
    {
        List<EmulatedTask> finished;
        List<EmulatedTask> tasks;
        lock (_gate)
        {
            finished = AdvanceLocked(_clock());
            tasks = _tasks.Values.ToList();
        }

        Raise(finished);
        return tasks;
    }

    /// <summary>The most tasks one key had unfinished (queued or running) at one provider at one time.</summary>
    public int MaxUnfinishedPerKey
    {
        get
        {
            lock (_gate)
            {
                return _accounts.Values.Select(load => load.MaxUnfinished).DefaultIfEmpty(0).Max();
            }
        }
    }

    /// <summary>The most tasks one key had running at one provider at one time.</summary>
    public int MaxRunningPerKey
    {
        get
        {
            lock (_gate)
            {
                return _accounts.Values.Select(load => load.MaxRunning).DefaultIfEmpty(0).Max();
            }
        }
    }

    private AccountLoad LoadOf(string account)
    {
        if (!_accounts.TryGetValue(account, out var load))
        {
            _accounts[account] = load = new AccountLoad();
        }

        return load;
    }

    private List<EmulatedTask> AdvanceLocked(DateTimeOffset now)
    {
        var finished = new List<EmulatedTask>();
        while (_finishing.Count > 0 && _finishing.Min.DueAt <= now)
        {
            var (at, _, next) = _finishing.Min;
            _finishing.Remove(_finishing.Min);
            next.Load.StoppedRunning();
            next.Load.Ended();
            Finish(next, at);
            finished.Add(next);
            StartQueuedLocked(next.Load, at);
        }

        // Tasks held back only by the queue delay start once it has passed, whether or not anything finished.
        foreach (var load in _accounts.Values)
        {
            if (load.HasQueued)
            {
                StartQueuedLocked(load, now);
            }
        }

        return finished;
    }

    private void StartQueuedLocked(AccountLoad load, DateTimeOffset at)
    {
        while (load.NextQueued is { } task)
        {
            var eligibleAt = task.CreatedAt + _options.QueueDelay;
            var limit = _options.ConcurrencyLimitFor(task.Spec.Provider);
            if ((limit > 0 && load.Running >= limit) || eligibleAt > _clock())
            {
                break;
            }

            load.Dequeue(task);
            var start = eligibleAt > at ? eligibleAt : at;
            task.State = EmulatedTaskState.Running;
            task.StartedAt = start;
            task.DueAt = task.Spec.Prompt.Contains(_options.StuckMarker) ? null : start + LatencyOf(task);
            task.RunSequence = _sequence++;
            if (task.DueAt is { } due)
            {
                _finishing.Add((due, task.RunSequence, task));
            }

            load.StartedRunning();
        }
    }

    private void StopRunning(EmulatedTask task)
    {
        if (task.DueAt is { } due)
        {
            _finishing.Remove((due, task.RunSequence, task));
        }

        task.Load.StoppedRunning();
    }

    /// <summary>
    /// The prompt's own "#latency=NNN" (milliseconds) to make tasks finish out of order, or else the configured
    /// latency, or a time drawn evenly from its range.
    /// </summary>
    private TimeSpan LatencyOf(EmulatedTask task)
    {
        var marker = task.Spec.Prompt.IndexOf(LatencyMarker, StringComparison.Ordinal);
        var digits = marker < 0 ? string.Empty : new string(task.Spec.Prompt.Skip(marker + LatencyMarker.Length).TakeWhile(char.IsDigit).ToArray());
        if (int.TryParse(digits, out var milliseconds))
        {
            return TimeSpan.FromMilliseconds(milliseconds);
        }

        return _options.LatencyMaximum is { } maximum
            ? _options.Latency + TimeSpan.FromTicks((long)((maximum - _options.Latency).Ticks * _latencies.NextDouble()))
            : _options.Latency;
    }

    private const string LatencyMarker = "#latency=";

    private void Finish(EmulatedTask task, DateTimeOffset at)
    {
        task.CompletedAt = at;
        if (task.Spec.Audio && task.Spec.Prompt.Contains(_options.AudioPolicyMarker))
        {
            task.State = EmulatedTaskState.Failed;
            task.RefusedByPolicy = true;
            task.AudioRefused = true;
            task.Error = "The generated audio was flagged as potentially sensitive content and blocked by moderation.";
        }
        else if (task.Spec.Prompt.Contains(_options.ContentPolicyMarker))
        {
            task.State = EmulatedTaskState.Failed;
            task.RefusedByPolicy = true;
            task.Error = "The output was flagged as potentially sensitive content and blocked by moderation.";
        }
        else if (task.Spec.Prompt.Contains(_options.FailMarker))
        {
            task.State = EmulatedTaskState.Failed;
            task.Error = "Generation failed: the model could not render this request (emulated failure).";
        }
        else
        {
            task.State = EmulatedTaskState.Succeeded;
        }
    }

    private void Raise(List<EmulatedTask> finished)
    {
        foreach (var task in finished)
        {
            Finished?.Invoke(task);
        }
    }

    private sealed class BySoonest : IComparer<(DateTimeOffset DueAt, long Sequence, EmulatedTask Task)>
    {
        public static readonly BySoonest Instance = new();

        public int Compare((DateTimeOffset DueAt, long Sequence, EmulatedTask Task) x, (DateTimeOffset DueAt, long Sequence, EmulatedTask Task) y)
        {
            var byTime = x.DueAt.CompareTo(y.DueAt);
            return byTime != 0 ? byTime : x.Sequence.CompareTo(y.Sequence);
        }
    }
}
