using System.Management.Automation;
using Seedance.Emulator.Server;

namespace Seedance.Commands.Runtime;

/// <summary>The base of every Seedance cmdlet: the runspace's Seedance state, and engine failures as error records.</summary>
public abstract class SeedanceCmdlet : PSCmdlet
{
    /// <summary>The runspace's Seedance state (connections, journal, emulator).</summary>
    protected ModuleState State => ModuleState.Current;

    /// <summary>Writes a Seedance failure as a non-terminating error about <paramref name="target"/>.</summary>
    protected void WriteSeedanceError(SeedanceException exception, object? target) =>
        WriteError(ErrorRecords.From(exception, target));

    /// <summary>Stops the command with a Seedance failure (bad parameters, no connection).</summary>
    protected void ThrowSeedanceError(SeedanceException exception, object? target) =>
        ThrowTerminatingError(ErrorRecords.From(exception, target));

    /// <summary>The emulator Start-SeedanceEmulator started in this runspace; stops the command when there is none.</summary>
    protected EmulatorServer RunningEmulator()
    {
        if (State.Emulator is not { } emulator)
        {
            ThrowSeedanceError(new SeedanceException(SeedanceErrorCategory.Validation, ErrorIds.EmulatorNotRunning, "No emulator is running in this session, so nothing was recorded. Start one with Start-SeedanceEmulator."), null);
            return null!;
        }

        return emulator;
    }
}
