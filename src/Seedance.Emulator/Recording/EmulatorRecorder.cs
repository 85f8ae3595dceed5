namespace Seedance.Emulator.Recording;

/// <summary>
/// What the emulator received and did, for users' own tests: requests, tasks created, faults fired, webhooks
/// sent, in the order they happened. Memory is bounded: past <see cref="Limit"/> records the oldest are dropped,
/// and <see cref="Dropped"/> says how many.
/// </summary>
public sealed class EmulatorRecorder
{
    /// <summary>Enough for a test's worth of traffic; a long batch keeps its latest records.</summary>
    public const int DefaultLimit = 1000;

    private readonly object _gate = new();
    private readonly Queue<EmulatorRecord> _records = new();
    private long _sequence;
    private long _dropped;

    /// <param name="limit">The most records kept; 0 records nothing.</param>
    public EmulatorRecorder(int limit)
    {
        if (limit < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "The record limit is 0 (record nothing) or more.");
        }

        Limit = limit;
    }

    public int Limit { get; }

    /// <summary>Records dropped to stay within <see cref="Limit"/> since the emulator started or was last cleared.</summary>
    public long Dropped
    {
        get
        {
            lock (_gate)
            {
                return _dropped;
            }
        }
    }

    /// <summary>Every record kept, oldest first.</summary>
    public IReadOnlyList<EmulatorRecord> Records()
    {
        lock (_gate)
        {
            return _records.ToArray();
        }
    }

    /// <summary>The records of one kind kept, oldest first.</summary>
    public IReadOnlyList<T> Records<T>()
        where T : EmulatorRecord
    {
        lock (_gate)
        {
            return _records.OfType<T>().ToArray();
        }
    }

    /// <summary>Forgets every record and the count of dropped ones; numbering goes on.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _records.Clear();
            _dropped = 0;
        }
    }

    /// <summary>
    /// Records what <paramref name="make"/> builds, building it only when it is kept: masking a body costs more than
    /// serving the request it came with, which a recorder that keeps nothing (a benchmark's) should not pay.
    /// </summary>
    internal void Add<T>(Func<T> make)
        where T : EmulatorRecord
    {
        if (Limit == 0)
        {
            lock (_gate)
            {
                ++_sequence;
                _dropped++;
            }

            return;
        }

        Add(make());
    }

    internal T Add<T>(T record)
        where T : EmulatorRecord
    {
        lock (_gate)
        {
            record.Sequence = ++_sequence;
            if (Limit == 0)
            {
                _dropped++;
                return record;
            }

            _records.Enqueue(record);
            while (_records.Count > Limit)
            {
                _records.Dequeue();
                _dropped++;
            }
        }

        return record;
    }

    /// <summary>
    /// Records a webhook about to be sent. Its task is the recorded one whose id the body names: every provider's
    /// payload carries its task's id, each under its own field name.
    /// </summary>
    internal RecordedWebhook Webhook(string url, string body)
    {
        RecordedTask? task;
        lock (_gate)
        {
            task = _records.OfType<RecordedTask>().LastOrDefault(candidate => body.Contains(candidate.TaskId));
        }

        return Add(new RecordedWebhook(DateTimeOffset.UtcNow, task?.Provider, task?.TaskId, url, SecretMask.Body(body, "application/json", Array.Empty<string>())));
    }

    internal RecordedTask? TaskWithId(string id)
    {
        lock (_gate)
        {
            return _records.OfType<RecordedTask>().LastOrDefault(task => task.TaskId == id);
        }
    }
}
