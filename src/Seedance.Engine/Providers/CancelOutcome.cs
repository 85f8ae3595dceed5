namespace Seedance.Providers;

/// <summary>What a cancel request achieved.</summary>
public enum CancelOutcome
{
    /// <summary>The provider stopped the task.</summary>
    Cancelled,
    /// <summary>The provider accepted the request; a running task may still finish (and be billed).</summary>
    Requested,
    /// <summary>The task had already finished; nothing was cancelled.</summary>
    AlreadyFinished,
    /// <summary>The provider offers no way to cancel (this task, or any task).</summary>
    NotSupported,
}
