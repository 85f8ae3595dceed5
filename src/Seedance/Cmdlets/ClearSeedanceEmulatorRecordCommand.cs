using System.Management.Automation;
using Seedance.Commands.Runtime;

namespace Seedance.Commands.Cmdlets;

/// <summary>Forgets what the emulator of this session recorded, so the next test sees only its own requests, tasks, faults and webhooks.</summary>
/// <remarks>
/// <para>The emulator itself is untouched: its tasks, files and fault plan stay as they were. Record numbers (Sequence) go on
/// from where they were.</para>
/// </remarks>
/// <example>
/// <code>BeforeEach { Clear-SeedanceEmulatorRecord }</code>
/// <para>Starts every Pester test with an empty record.</para>
/// </example>
[Cmdlet(VerbsCommon.Clear, "SeedanceEmulatorRecord")]
[OutputType(typeof(void))]
public sealed class ClearSeedanceEmulatorRecordCommand : SeedanceCmdlet
{
    protected override void EndProcessing()
    {
        var recorder = RunningEmulator().Recorder;
        WriteVerbose($"Cleared {recorder.Records().Count} records.");
        recorder.Clear();
    }
}
