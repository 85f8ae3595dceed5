namespace Seedance.Emulator.Tasks;

/// <summary>
/// One key's load at one provider, as the store's concurrency limit and high-water marks count it: its queued
/// tasks in arrival order, how many run, how many are unfinished, and the most of each seen at once. Kept as
/// counts so that no access walks the tasks; used under the store's lock only.
/// </summary>
internal sealed class AccountLoad
{
    private readonly LinkedList<EmulatedTask> _queued = new();

    // Queue positions are tickets minus departures: starting the task in front moves everyone up at no cost.
    private long _nextTicket;
    private long _departed;

    public int Running { get; private set; }

    public int Unfinished { get; private set; }

    public int MaxRunning { get; private set; }

    public int MaxUnfinished { get; private set; }

    public bool HasQueued => _queued.Count > 0;

    /// <summary>The task that starts next, or null when none is queued.</summary>
    public EmulatedTask? NextQueued => _queued.First?.Value;

    public void Enqueue(EmulatedTask task)
    {
        task.QueueNode = _queued.AddLast(task);
        task.QueueTicket = _nextTicket++;
        Unfinished++;
        MaxUnfinished = Math.Max(MaxUnfinished, Unfinished);
    }

    /// <summary>Takes a task out of the queue, to start it or because it was cancelled.</summary>
    public void Dequeue(EmulatedTask task)
    {
        var node = task.QueueNode ?? throw new InvalidOperationException($"Task {task.Id} is not queued.");
        if (node == _queued.First)
        {
            _departed++;
        }
        else
        {
            // Leaving from the middle (a cancel) moves up only those behind it.
            for (var behind = node.Next; behind is not null; behind = behind.Next)
            {
                behind.Value.QueueTicket--;
            }

            _nextTicket--;
        }

        _queued.Remove(node);
        task.QueueNode = null;
    }

    /// <summary>Position among the queued tasks (0 = next) of a task this load holds queued.</summary>
    public int PositionOf(EmulatedTask task) => (int)(task.QueueTicket - _departed);

    public void StartedRunning()
    {
        Running++;
        MaxRunning = Math.Max(MaxRunning, Running);
    }

    public void StoppedRunning() => Running--;

    /// <summary>A queued or running task reached a final state.</summary>
    public void Ended() => Unfinished--;
}
