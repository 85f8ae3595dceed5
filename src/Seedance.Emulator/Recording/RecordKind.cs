namespace Seedance.Emulator.Recording;

/// <summary>What an <see cref="EmulatorRecord"/> records.</summary>
public enum RecordKind
{
    Request,
    Task,
    Fault,
    Webhook,
}
