using System;
using System.Linq;
using System.Management.Automation;
using Seedance.Commands.Runtime;
using Seedance.Emulator.Recording;

namespace Seedance.Commands.Cmdlets;

/// <summary>Shows what the emulator of this session received and did: requests, tasks created, faults fired, webhooks sent.</summary>
/// <remarks>
/// <para>For tests of a script against Start-SeedanceEmulator: each record is an object to assert on, oldest first. Request
/// bodies and queries are kept with secrets masked (the key, and any field named like a key, token, secret or password) and
/// inline images shortened; the API key itself is never recorded, only its scheme word (AuthScheme). Task records show the
/// task's state as of now.</para>
/// <para>The emulator keeps at most -RecordLimit records (Start-SeedanceEmulator; 1000 by default): past that the oldest
/// are dropped, and this command warns how many were.</para>
/// </remarks>
/// <example>
/// <code>Get-SeedanceEmulatorRecord -Kind Request | Where-Object Method -eq POST | Should -HaveCount 3</code>
/// <para>Asserts that a script submitted exactly three videos.</para>
/// </example>
/// <example>
/// <code>(Get-SeedanceEmulatorRecord -Kind Task).Prompt | Should -Be 'slow orbital pan'</code>
/// <para>Asserts on the prompt the emulator received for the task a script created.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "SeedanceEmulatorRecord")]
[OutputType(typeof(RecordedRequest), typeof(RecordedTask), typeof(RecordedFault), typeof(RecordedWebhook))]
public sealed class GetSeedanceEmulatorRecordCommand : SeedanceCmdlet
{
    /// <summary>Only records of these kinds: Request, Task, Fault, Webhook. All kinds when omitted.</summary>
    [Parameter(Position = 0)]
    public RecordKind[]? Kind { get; set; }

    /// <summary>Only records that involve this provider's twin.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(ProviderNameCompleter))]
    public string? Provider { get; set; }

    protected override void EndProcessing()
    {
        var recorder = RunningEmulator().Recorder;
        if (recorder.Dropped > 0)
        {
            WriteWarning($"{recorder.Dropped} older records were dropped to keep within the record limit of {recorder.Limit}; start the emulator with a larger -RecordLimit to keep them, or clear the records between tests with Clear-SeedanceEmulatorRecord.");
        }

        foreach (var record in recorder.Records()
            .Where(record => Kind is null || Kind.Any(kind => kind.ToString() == record.Kind))
            .Where(record => Provider is null || string.Equals(record.Provider, Provider, StringComparison.OrdinalIgnoreCase)))
        {
            WriteObject(record);
        }
    }
}
