using System.Linq;
using System.Management.Automation;
using Seedance.Commands.Runtime;

namespace Seedance.Commands.Cmdlets;

/// <summary>Stops the emulator of this session and removes the connections that pointed at it.</summary>
/// <example>
/// <code>Stop-SeedanceEmulator</code>
/// <para>Stops the emulator started by Start-SeedanceEmulator.</para>
/// </example>
/// <example>
/// <code>try { Start-SeedanceEmulator; ./Invoke-Runbook.ps1 } finally { Stop-SeedanceEmulator }</code>
/// <para>Rehearses a runbook and always frees the emulator's port, as a test should.</para>
/// </example>
[Cmdlet(VerbsLifecycle.Stop, "SeedanceEmulator")]
[OutputType(typeof(void))]
public sealed class StopSeedanceEmulatorCommand : SeedanceCmdlet
{
    protected override void EndProcessing()
    {
        var emulator = State.Emulator;
        if (emulator is null)
        {
            WriteVerbose("No emulator is running in this session.");
            return;
        }

        foreach (var connection in State.Session.Connections.Where(connection => connection.BaseUri.AbsoluteUri.StartsWith(emulator.Root.AbsoluteUri, System.StringComparison.OrdinalIgnoreCase)))
        {
            State.Session.Disconnect(connection.Name);
        }

        emulator.Dispose();
        State.Emulator = null;
        WriteVerbose($"Stopped the emulator at {emulator.Root}.");
    }
}
