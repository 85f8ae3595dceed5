using Seedance.Emulator.Tasks;

namespace Seedance.Emulator.Recording;

/// <summary>
/// A task a twin created, read live: its state is the emulated task's as of the last time the emulator's clock
/// moved on (it does every few milliseconds), so a test sees a task it waited for as finished.
/// </summary>
public sealed class RecordedTask : EmulatorRecord
{
    private readonly EmulatedTask _task;

    internal RecordedTask(EmulatedTask task)
        : base(task.CreatedAt, task.Spec.Provider)
    {
        _task = task;
    }

    public string TaskId => _task.Id;

    /// <summary>The model as the request named it (a model id, endpoint id or model path, as the provider spells it).</summary>
    public string Model => _task.Spec.Model;

    /// <summary>Queued, Running, Succeeded, Failed or Cancelled.</summary>
    public string State => _task.State.ToString();

    public string Prompt => _task.Spec.Prompt;

    public int DurationSeconds => _task.Spec.DurationSeconds;

    public string Resolution => _task.Spec.Resolution;

    public string? AspectRatio => _task.Spec.AspectRatio;

    public bool Audio => _task.Spec.Audio;

    /// <summary>First-frame and reference images sent (a last frame not counted).</summary>
    public int ImageCount => _task.Spec.Images.Count;

    public string? WebhookUrl => _task.Spec.WebhookUrl;

    public DateTimeOffset CreatedAt => _task.CreatedAt;

    public DateTimeOffset? CompletedAt => _task.CompletedAt;

    public string? Error => _task.Error;

    /// <summary>Where the video was written, when the emulator has an output folder and the task succeeded.</summary>
    public string? OutputPath { get; internal set; }

    internal override RecordKind KindOf => RecordKind.Task;

    public override string ToString() => $"{Provider} {TaskId} {State}";
}
