using System;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using Seedance.Connections;
using Seedance.Emulator.Server;
using Seedance.Journal;

namespace Seedance.Commands.Runtime;

/// <summary>
/// What Seedance keeps per runspace: the session (connections, learned timings) and an emulator started in it.
/// Keyed by runspace, never static, so runbook jobs sharing a process stay apart; released with the runspace, or
/// when the module is removed from it.
/// </summary>
public sealed class ModuleState : IDisposable
{
    private static readonly ConditionalWeakTable<Runspace, ModuleState> States = new();

    private ModuleState()
    {
        Session = new SeedanceSession(new TaskJournal(TaskJournal.DefaultPath(Environment.GetEnvironmentVariable)), Environment.GetEnvironmentVariable);
    }

    public SeedanceSession Session { get; }

    /// <summary>The emulator Start-SeedanceEmulator started in this runspace, if any.</summary>
    public EmulatorServer? Emulator { get; set; }

    /// <summary>The state of the runspace the calling pipeline thread belongs to.</summary>
    public static ModuleState Current
    {
        get
        {
            var runspace = Runspace.DefaultRunspace ?? throw new InvalidOperationException("Seedance cmdlets must run on a PowerShell pipeline thread.");
            return States.GetValue(runspace, key =>
            {
                var state = new ModuleState();
                key.StateChanged += (_, change) =>
                {
                    if (change.RunspaceStateInfo.State is RunspaceState.Closed or RunspaceState.Broken)
                    {
                        state.Dispose();
                    }
                };
                return state;
            });
        }
    }

    /// <summary>
    /// Stops what the calling runspace's state runs (its emulator, its connections' watchers) and forgets it, as
    /// Remove-Module does; the next Seedance command in that runspace starts afresh.
    /// </summary>
    public static void ReleaseCurrent()
    {
        if (Runspace.DefaultRunspace is { } runspace && States.TryGetValue(runspace, out var state))
        {
            States.Remove(runspace);
            state.Dispose();
        }
    }

    public void Dispose()
    {
        Emulator?.Dispose();
        Emulator = null;
        Session.Dispose();
    }
}
