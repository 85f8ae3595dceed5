namespace Seedance.Emulator.Recording;

/// <summary>
/// One thing the emulator saw or did, for users' own tests to assert on: a request received, a task created, a
/// fault fired, a webhook sent. Records are numbered in the order they happened.
/// </summary>
public abstract class EmulatorRecord
{
    protected EmulatorRecord(DateTimeOffset time, string? provider)
    {
        Time = time;
        Provider = provider;
    }

    /// <summary>1 for the first record since the emulator started; never reused, so gaps show what was dropped.</summary>
    public long Sequence { get; internal set; }

    public DateTimeOffset Time { get; }

    /// <summary>Request, Task, Fault or Webhook: the name of <see cref="RecordKind"/>, so filters and JSON read the same word.</summary>
    public string Kind => KindOf.ToString();

    /// <summary>The provider whose twin was involved, by the module's name; null for the emulator's own files.</summary>
    public string? Provider { get; }

    internal abstract RecordKind KindOf { get; }
}
