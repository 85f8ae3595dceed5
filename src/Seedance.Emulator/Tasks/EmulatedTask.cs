namespace Seedance.Emulator.Tasks;

/// <summary>One simulated generation, advanced by the store's clock; read under the store's lock.</summary>
public sealed class EmulatedTask
{
    internal EmulatedTask(string id, string key, EmulatedTaskSpec spec, DateTimeOffset createdAt, AccountLoad load)
    {
        Load = load;
        Id = id;
        Key = key;
        Spec = spec;
        CreatedAt = createdAt;
    }

    public string Id { get; }

    /// <summary>The API key that created it: concurrency is counted per key, as providers count per account.</summary>
    public string Key { get; }

    public EmulatedTaskSpec Spec { get; }

    /// <summary>The load of its key at its provider: what concurrency limits count by, as each provider counts its own accounts.</summary>
    internal AccountLoad Load { get; }

    public EmulatedTaskState State { get; internal set; }

    public DateTimeOffset CreatedAt { get; }

    public DateTimeOffset? StartedAt { get; internal set; }

    public DateTimeOffset? CompletedAt { get; internal set; }

    /// <summary>When a running task will finish; null for a stuck one.</summary>
    internal DateTimeOffset? DueAt { get; set; }

    public string? Error { get; internal set; }

    /// <summary>True when the failure was a moderation refusal.</summary>
    public bool RefusedByPolicy { get; internal set; }

    /// <summary>True when the moderation refusal was of the generated audio rather than the video.</summary>
    public bool AudioRefused { get; internal set; }

    /// <summary>Position among this key's queued tasks (0 = next), while queued; 0 otherwise.</summary>
    public int QueuePosition => State == EmulatedTaskState.Queued && QueueNode is not null ? Load.PositionOf(this) : 0;

    /// <summary>Its place in its load's queue while queued; null otherwise.</summary>
    internal LinkedListNode<EmulatedTask>? QueueNode { get; set; }

    /// <summary>Its number in its load's queue; see <see cref="AccountLoad.PositionOf"/>.</summary>
    internal long QueueTicket { get; set; }

    /// <summary>Orders tasks due to finish at one instant by when they started.</summary>
    internal long RunSequence { get; set; }

    /// <summary>Status requests answered for this task.</summary>
    public int StatusRequests { get; internal set; }

    /// <summary>When a status answer first told a client the task had finished.</summary>
    public DateTimeOffset? FirstReportedFinishedAt { get; internal set; }

    public bool IsFinal => State is EmulatedTaskState.Succeeded or EmulatedTaskState.Failed or EmulatedTaskState.Cancelled;
}
