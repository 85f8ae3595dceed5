using System.Collections.Concurrent;
using Seedance.Journal;
using Seedance.Tasks;
using Seedance.Tests.Support;

namespace Seedance.Tests.Tasks;

/// <summary>
/// A kind's measured generation time learns from what the status answers show, not from how late they came: a first
/// look that is already "done" only bounds the time from above, so it never raises a measured time, while a "not yet"
/// followed by "done" measures it from both sides.
/// </summary>
public sealed class MeasuredTimeTests
{
    private static readonly Expectation Measured = new(TimeSpan.FromMilliseconds(300), true, "WaveSpeed|model|5|720p");

    [Fact]
    public async Task A_late_first_look_that_finds_the_task_done_does_not_raise_the_measured_time()
    {
        var observed = await ObserveAsync(async () =>
        {
            // A slow answer: the look lands well past the measured time.
            await Task.Delay(250);
            return TaskState.Succeeded;
        });

        Assert.True(observed <= Measured.Expected, $"observed {observed.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task A_not_yet_then_done_still_raises_a_time_that_grew()
    {
        var looks = 0;
        var observed = await ObserveAsync(() => Task.FromResult(Interlocked.Increment(ref looks) == 1 ? TaskState.Running : TaskState.Succeeded));

        Assert.True(observed > Measured.Expected, $"observed {observed.TotalMilliseconds:0} ms");
    }

    private static async Task<TimeSpan> ObserveAsync(Func<Task<TaskState>> answer)
    {
        using var folder = new TempFolder();
        using var lifecycle = new TaskLifecycle(new TaskJournal(folder.File("journal.jsonl")), throttleLimit: 0);
        var observations = new ConcurrentQueue<TimeSpan>();
        using var watcher = new TaskWatcher(
            async (task, _) => task with { Lifecycle = await answer() },
            _ => Measured,
            (_, took) => observations.Enqueue(took),
            new PollSchedule(),
            maxConcurrentPolls: 4,
            lifecycle);

        var end = await watcher.Watch(new VideoTask("task-1", "WaveSpeed", "model") { Lifecycle = TaskState.Queued }, justSubmitted: true).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(TaskState.Succeeded, end.Lifecycle);
        return Assert.Single(observations);
    }
}
