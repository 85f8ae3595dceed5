namespace Seedance;

/// <summary>Where a generation task stands, in one vocabulary for every provider.</summary>
public enum TaskState
{
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
    Expired,
}

public static class TaskStateExtensions
{
    /// <summary>True once the task will not change any more.</summary>
    public static bool IsFinal(this TaskState state) => state >= TaskState.Succeeded;
}
