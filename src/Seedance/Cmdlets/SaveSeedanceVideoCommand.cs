using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Seedance.Commands.Runtime;
using Seedance.Connections;
using Seedance.Media;

namespace Seedance.Commands.Cmdlets;

/// <summary>Downloads and verifies each task's video, waiting for unfinished tasks first.</summary>
/// <remarks>
/// <para>Downloads stream into name.mp4.partial, resume after a dropped connection, ask the provider for a fresh URL
/// when one has expired, and are checked (length and MP4 structure) before the file is renamed into place: a bad
/// or partial file never takes a final name, and an existing file is never replaced without -Force.</para>
/// <para>Videos are saved as they finish, while earlier cmdlets in the pipeline are still submitting, and the output
/// is one object per saved file, in the order they finish.</para>
/// </remarks>
/// <example>
/// <code>New-SeedanceVideo ./cat.jpg -Prompt 'slow zoom out' | Save-SeedanceVideo -Path ./videos</code>
/// <para>Submits, waits and saves videos/&lt;task id&gt;.mp4.</para>
/// </example>
/// <example>
/// <code>... | Save-SeedanceVideo -Path ./videos -NameTemplate '{Image}-{Id}.mp4'</code>
/// <para>Names each video after the image it came from.</para>
/// </example>
[Cmdlet(VerbsData.Save, "SeedanceVideo", SupportsShouldProcess = true, DefaultParameterSetName = TaskSet)]
[OutputType(typeof(VideoFile))]
public sealed class SaveSeedanceVideoCommand : StreamingTaskCmdlet<VideoFile>, IDynamicParameters
{
    // Which task goes to which file: the batch must not write two videos to one path.
    private readonly Dictionary<string, string> _taskByTarget = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, string> _targetByTask = new(StringComparer.Ordinal);

    /// <summary>Tasks, as New-SeedanceVideo, Wait-SeedanceTask or Get-SeedanceTask emit them (alias -Task); usually from the pipeline.</summary>
    [Parameter(Mandatory = true, ParameterSetName = TaskSet, ValueFromPipeline = true)]
    [Alias("Task")]
    [ValidateNotNull]
    public override VideoTask[] InputObject { get; set; } = new VideoTask[0];

    /// <summary>Task ids, as the provider issued them (by name, by pipeline, or by property name from a CSV).</summary>
    [Parameter(Mandatory = true, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("TaskId")]
    [ValidateNotNullOrEmpty]
    public override string[] Id { get; set; } = new string[0];

    /// <summary>
    /// A folder (created if missing) or, for a single task, a file name. The current location by default. The first
    /// positional argument, so that '... | Save-SeedanceVideo ./videos' saves into ./videos.
    /// </summary>
    [Parameter(Position = 0)]
    public string? Path { get; set; }

    /// <summary>-NameTemplate, -Force, -TimeoutSec and -CancelOnTimeout, shared with Invoke-SeedanceVideo.</summary>
    private readonly SaveParameters _saving = new();

    public object GetDynamicParameters() => _saving;

    protected override string Activity => "Saving Seedance videos";

    protected override bool Accept(VideoTask task)
    {
        var given = Path ?? PathResolution.CurrentDirectory(this) + System.IO.Path.DirectorySeparatorChar;
        var target = VideoFileNaming.Resolve(given, PathResolution.FileSystemPath(this, given), task, _saving.NameTemplate);
        if (_taskByTarget.TryGetValue(target, out var other) && other != task.Id)
        {
            WriteSeedanceError(new SeedanceException(SeedanceErrorCategory.Validation, ErrorIds.PathTakenInBatch,
                $"'{target}' is already the target of task {other}. Give -Path a folder (or a -NameTemplate with {{Id}}) to save several videos.") { ParameterName = "Path" }, task);
            return false;
        }

        _taskByTarget[target] = task.Id;
        _targetByTask[task.Id] = target;
        return ShouldProcess(target, $"Save the video of task {task.Id}");
    }

    protected override async Task<VideoFile> RunAsync(VideoTask task, SeedanceConnection connection, CancellationToken cancellationToken)
    {
        var finished = task.IsFinal ? task : await connection.WaitAsync(task, TimeSpan.FromSeconds(_saving.TimeoutSec), _saving.CancelOnTimeout, cancellationToken).ConfigureAwait(false);
        return await connection.SaveAsync(finished, _targetByTask[task.Id], _saving.Force, null, cancellationToken).ConfigureAwait(false);
    }

    protected override bool Succeeded(VideoFile result) => true;

    protected override void Emit(VideoFile result) => WriteObject(result);
}
