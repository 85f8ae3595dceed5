namespace Seedance.Emulator.Tasks;

/// <summary>The lifecycle the emulator simulates; each twin spells these states in its provider's words.</summary>
public enum EmulatedTaskState
{
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
}
