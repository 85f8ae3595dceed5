using System.Management.Automation;
using Seedance.Commands.Runtime;
using Seedance.Providers;
using Seedance.Tasks;
using ProviderInfo = Seedance.Providers.ProviderInfo;

namespace Seedance.Commands.Cmdlets;

/// <summary>Cancels tasks at the provider, where the provider allows it.</summary>
/// <remarks>A finished task is left alone. Where a provider cannot stop a task that has started (or cannot cancel at all) a warning says so, because that task will still be billed.</remarks>
/// <example>
/// <code>Get-SeedanceTask -Pending | Stop-SeedanceTask -WhatIf</code>
/// <para>Shows which unfinished tasks would be cancelled.</para>
/// </example>
/// <example>
/// <code>Stop-SeedanceTask -Id 6f3c2a9e8d -Provider Ark -Confirm:$false</code>
/// <para>Cancels one task by its id, without asking.</para>
/// </example>
[Cmdlet(VerbsLifecycle.Stop, "SeedanceTask", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = TaskSet)]
[OutputType(typeof(VideoTask))]
public sealed class StopSeedanceTaskCommand : TaskInputCmdlet
{
    /// <summary>Emit the task after the cancel request.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        foreach (var task in InputTasks())
        {
            if (!ShouldProcess(task.Id, $"Cancel {task.Provider} task"))
            {
                continue;
            }

            try
            {
                var connection = State.Session.FindOrConnectFor(task);
                var (outcome, current) = RunInBackground(token => connection.CancelAsync(task, token));
                Report(outcome, current, connection.ProviderInfo);
                if (PassThru)
                {
                    WriteObject(current);
                }
            }
            catch (SeedanceException ex)
            {
                WriteSeedanceError(ex, task);
            }
        }
    }

    private void Report(CancelOutcome outcome, VideoTask task, ProviderInfo provider)
    {
        switch (outcome)
        {
            case CancelOutcome.Cancelled:
                WriteVerbose($"Task {task.Id} was cancelled.");
                break;
            case CancelOutcome.Requested:
                WriteWarning($"{provider.Name} accepted the cancel request for task {task.Id}, but it was already {task.StateWord()}: {provider.CancelBehaviour}");
                break;
            case CancelOutcome.AlreadyFinished:
                WriteWarning($"Task {task.Id} had already finished ({task.StateWord()}); nothing was cancelled.");
                break;
            default:
                WriteWarning($"{provider.Name} offers no way to cancel task {task.Id}; it will run to the end and be billed.");
                break;
        }
    }
}
