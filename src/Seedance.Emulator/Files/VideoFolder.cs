using Seedance.Emulator.Media;
using Seedance.Emulator.Recording;
using Seedance.Emulator.Tasks;

namespace Seedance.Emulator.Files;

/// <summary>
/// The emulator's output folder: each succeeded task's video written as {task id}.mp4 as it succeeds, so a user
/// can look at what a rehearsal made without downloading it. Videos are written in the background, whole (to a
/// .partial file renamed at the end); stopping the emulator waits for the ones still being written.
/// </summary>
internal sealed class VideoFolder : IDisposable
{
    private readonly string _folder;
    private readonly VideoFiles _files;
    private readonly EmulatorRecorder _recorder;
    private readonly List<Task> _writing = new();

    public VideoFolder(string folder, EmulatedTaskStore tasks, VideoFiles files, EmulatorRecorder recorder)
    {
        _folder = Directory.CreateDirectory(folder).FullName;
        _files = files;
        _recorder = recorder;
        tasks.Finished += task =>
        {
            if (task.State == EmulatedTaskState.Succeeded)
            {
                lock (_writing)
                {
                    _writing.RemoveAll(write => write.IsCompleted);
                    _writing.Add(Task.Run(() => Write(task)));
                }
            }
        };
    }

    /// <summary>Where <paramref name="taskId"/>'s video goes: characters a file name cannot hold become '_'.</summary>
    public string PathOf(string taskId) =>
        Path.Combine(_folder, new string(taskId.Select(c => Array.IndexOf(Path.GetInvalidFileNameChars(), c) >= 0 ? '_' : c).ToArray()) + ".mp4");

    private void Write(EmulatedTask task)
    {
        var target = PathOf(task.Id);
        var partial = target + ".partial";
        using (var file = File.Create(partial))
        {
            SyntheticVideo.WriteMp4(file, _files.SpecFor(task));
        }

        if (File.Exists(target))
        {
            File.Delete(target);
        }

        File.Move(partial, target);
        if (_recorder.TaskWithId(task.Id) is { } record)
        {
            record.OutputPath = target;
        }
    }

    /// <summary>Waits for the videos still being written; one that could not be written fails the wait with its reason.</summary>
    public void Dispose()
    {
        Task[] writing;
        lock (_writing)
        {
            writing = _writing.ToArray();
        }

        Task.WaitAll(writing);
    }
}
