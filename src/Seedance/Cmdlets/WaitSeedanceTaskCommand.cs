using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Seedance.Commands.Runtime;
using Seedance.Connections;
using Seedance.Tasks;

namespace Seedance.Commands.Cmdlets;

/// <summary>Waits for tasks to finish and emits each one as it finishes.</summary>
/// <remarks>
/// <para>Tasks are followed in the background while earlier cmdlets in the pipeline keep submitting, and each is
/// emitted as soon as it finishes, so a batch moves at the provider's full concurrency. Status requests are spaced
/// to when results are likely, learned from the tasks that already finished.</para>
/// <para>Failed, cancelled and expired tasks are emitted too, with a warning that gives the provider's reason; a task
/// still unfinished after -TimeoutSec is reported as an error naming it, and keeps running at the provider unless
/// -CancelOnTimeout cancels it there.</para>
/// </remarks>
/// <example>
/// <code>$tasks | Wait-SeedanceTask -TimeoutSec 900</code>
/// <para>Waits up to 15 minutes for each task.</para>
/// </example>
/// <example>
/// <code>$tasks | Wait-SeedanceTask -TimeoutSec 1800 -CancelOnTimeout</code>
/// <para>Cancels at the provider any task not finished within 30 minutes, so a stuck task stops holding a paid slot.</para>
/// </example>
[Cmdlet(VerbsLifecycle.Wait, "SeedanceTask", DefaultParameterSetName = TaskSet)]
[OutputType(typeof(VideoTask))]
public sealed class WaitSeedanceTaskCommand : StreamingTaskCmdlet<VideoTask>
{
    /// <summary>Seconds to wait for each task, counted from when waiting for it began.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int TimeoutSec { get; set; } = 3600;

    /// <summary>
    /// Cancel a task at the provider when -TimeoutSec passes, where the provider can; the error says whether it was
    /// stopped, only asked to stop, or cannot be cancelled there.
    /// </summary>
    [Parameter]
    public SwitchParameter CancelOnTimeout { get; set; }

    protected override string Activity => "Waiting for Seedance tasks";

    protected override Task<VideoTask> RunAsync(VideoTask task, SeedanceConnection connection, CancellationToken cancellationToken) =>
        connection.WaitAsync(task, TimeSpan.FromSeconds(TimeoutSec), CancelOnTimeout, cancellationToken);

    protected override bool Succeeded(VideoTask result) => result.Lifecycle == TaskState.Succeeded;

    protected override void Emit(VideoTask result)
    {
        // For runbooks, whose verbose stream is their log: each task's end, after how long, and why it did not succeed.
        WriteVerbose(result.EndedLine());
        if (OutputDeadline.WarningFor(result, DateTimeOffset.UtcNow) is { } expiring)
        {
            WriteWarning(expiring);
        }

        if (result.Lifecycle != TaskState.Succeeded)
        {
            WriteWarning(result.EndedWithoutVideo());
        }

        WriteObject(result);
    }
}
