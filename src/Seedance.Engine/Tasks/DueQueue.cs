namespace Seedance.Tasks;

/// <summary>
/// Items ordered by the time they are next due, so a watcher's wake costs O(log n) per due item rather than a
/// walk over everything it follows. Thread-safe: polls finishing on pool threads schedule their task's next look.
/// </summary>
internal sealed class DueQueue<T>
{
    // SortedSet rather than PriorityQueue, which netstandard2.0 lacks; the sequence number keeps equal times apart.
    private readonly SortedSet<(TimeSpan DueAt, long Sequence, T Item)> _queue = new(ByDueTime.Instance);
    private readonly object _gate = new();
    private long _sequence;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    public void Add(T item, TimeSpan dueAt)
    {
        lock (_gate)
        {
            _queue.Add((dueAt, _sequence++, item));
        }
    }

    /// <summary>Moves every item due at <paramref name="now"/> into <paramref name="due"/>.</summary>
    /// <returns>How long until the next item left is due, or an infinite wait when none is left.</returns>
    public TimeSpan TakeDue(TimeSpan now, List<T> due)
    {
        lock (_gate)
        {
            while (_queue.Count > 0)
            {
                var first = _queue.Min;
                if (first.DueAt > now)
                {
                    return first.DueAt - now;
                }

                _queue.Remove(first);
                due.Add(first.Item);
            }

            return Timeout.InfiniteTimeSpan;
        }
    }

    private sealed class ByDueTime : IComparer<(TimeSpan DueAt, long Sequence, T Item)>
    {
        public static readonly ByDueTime Instance = new();

        public int Compare((TimeSpan DueAt, long Sequence, T Item) x, (TimeSpan DueAt, long Sequence, T Item) y)
        {
            var byTime = x.DueAt.CompareTo(y.DueAt);
            return byTime != 0 ? byTime : x.Sequence.CompareTo(y.Sequence);
        }
    }
}
