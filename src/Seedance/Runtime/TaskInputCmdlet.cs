using System.Collections.Generic;
using System.Management.Automation;

namespace Seedance.Commands.Runtime;

/// <summary>
/// The task input the task cmdlets share: VideoTask objects from the pipeline, or ids (with an optional
/// provider or connection) by name or by property name, e.g. from a CSV or a deserialised object.
/// </summary>
public abstract class TaskInputCmdlet : BackgroundWorkCmdlet
{
    protected const string TaskSet = "Task";
    protected const string IdSet = "Id";

    // Virtual so that a cmdlet whose first positional argument is something else (Save-SeedanceVideo's -Path) can
    // redeclare them without a position: PowerShell reads the parameter attributes of the most derived property.

    /// <summary>Tasks, as New-SeedanceVideo or Get-SeedanceTask emit them (alias -Task).</summary>
    [Parameter(Mandatory = true, ParameterSetName = TaskSet, ValueFromPipeline = true, Position = 0)]
    [Alias("Task")]
    [ValidateNotNull]
    public virtual VideoTask[] InputObject { get; set; } = new VideoTask[0];

    /// <summary>Task ids, as the provider issued them.</summary>
    [Parameter(Mandatory = true, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, Position = 0)]
    [Alias("TaskId")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TaskIdCompleter))]
    public virtual string[] Id { get; set; } = new string[0];

    /// <summary>The provider the ids belong to; the default connection's when omitted.</summary>
    [Parameter(ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ProviderNameCompleter))]
    public string? Provider { get; set; }

    /// <summary>The connection profile to use (see Connect-Seedance -Name).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ConnectionNameCompleter))]
    public string? Connection { get; set; }

    /// <summary>The tasks this record names, as snapshots (ids become bare snapshots to refresh).</summary>
    protected IEnumerable<VideoTask> InputTasks()
    {
        if (ParameterSetName == TaskSet)
        {
            foreach (var task in InputObject)
            {
                // Another connection named here is the user's choice of where to follow the task, over where it was
                // submitted. The task's own (which PowerShell binds from its Connection property) changes nothing.
                yield return Connection is null || Connection == task.Connection ? task : task with { Connection = Connection, BaseUri = null };
            }

            yield break;
        }

        var connection = State.Session.FindOrConnect(Connection, Provider);
        foreach (var id in Id)
        {
            yield return new VideoTask(id, connection.Provider, string.Empty) { Connection = connection.Name };
        }
    }
}
