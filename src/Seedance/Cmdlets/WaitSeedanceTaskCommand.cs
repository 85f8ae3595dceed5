using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Seedance.Commands.Runtime;
using Seedance.Connections;

namespace Seedance.Commands.Cmdlets;

/// <summary>
/// <para type="synopsis">Waits for tasks to finish and emits each one as it finishes.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Wait, "SeedanceTask", DefaultParameterSetName = TaskSet)]
[OutputType(typeof(VideoTask))]
public sealed class WaitSeedanceTaskCommand : StreamingTaskCmdlet<VideoTask>
{
    /// <summary>Seconds to wait for each task, counted from when waiting for it began.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int TimeoutSec { get; set; } = 3600;

    protected override string Activity => "Waiting for Seedance tasks";

    protected override Task<VideoTask> RunAsync(VideoTask task, SeedanceConnection connection, CancellationToken cancellationToken) =>
        connection.WaitAsync(task, TimeSpan.FromSeconds(TimeoutSec), cancellationToken);

    protected override bool Succeeded(VideoTask result) => result.State == TaskState.Succeeded;

    protected override void Emit(VideoTask result)
    {
        if (result.State != TaskState.Succeeded)
        {
            WriteWarning($"Task {result.Id} {result.State.ToString().ToLowerInvariant()}{(result.Error is null ? "." : ": " + result.Error)}");
        }

        WriteObject(result);
    }
}
