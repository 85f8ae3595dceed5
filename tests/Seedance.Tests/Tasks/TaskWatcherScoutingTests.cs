using System.Collections.Concurrent;
using System.Diagnostics;
using Seedance.Journal;
using Seedance.Tasks;
using Seedance.Tests.Support;

namespace Seedance.Tests.Tasks;

/// <summary>
/// A batch of a kind with no measured time: a few tasks scout, the first of them to finish measures the time, and
/// that re-plans the others, which are looked at when the measurement says rather than at their model's (much
/// longer) typical time. Every task is looked at until it ends; none is skipped.
/// </summary>
public sealed class TaskWatcherScoutingTests
{
    private static readonly TimeSpan Generation = TimeSpan.FromMilliseconds(600);

    // Far past the test's deadline: a task left waiting on it would time the test out.
    private static readonly TimeSpan TypicalTime = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task The_first_scout_to_finish_re_plans_the_tasks_waiting_on_a_guess_and_only_scouts_ask_often()
    {
        using var folder = new TempFolder();
        using var lifecycle = new TaskLifecycle(new TaskJournal(folder.File("journal.jsonl")), throttleLimit: 0);
        var clock = Stopwatch.StartNew();
        var submittedAt = new ConcurrentDictionary<string, TimeSpan>();
        var asked = new ConcurrentDictionary<string, int>();
        TimeSpan? measured = null;
        var schedule = new PollSchedule();
        using var watcher = new TaskWatcher(
            (task, _) =>
            {
                asked.AddOrUpdate(task.Id, 1, (_, count) => count + 1);
                var done = clock.Elapsed - submittedAt[task.Id] >= Generation;
                return Task.FromResult(task with { Lifecycle = done ? TaskState.Succeeded : TaskState.Running });
            },
            _ => measured is { } time ? new Expectation(time, true, "WaveSpeed|model|5|720p") : new Expectation(TypicalTime, false, "WaveSpeed|model|5|720p"),
            (_, took) => measured ??= took,
            schedule,
            maxConcurrentPolls: 4,
            lifecycle);

        var finals = Enumerable.Range(0, 12).Select(i =>
        {
            var task = new VideoTask($"task-{i}", "WaveSpeed", "model") { Lifecycle = TaskState.Queued };
            submittedAt[task.Id] = clock.Elapsed;
            return watcher.Watch(task, justSubmitted: true);
        }).ToList();
        var ends = await Task.WhenAll(finals).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.All(ends, end => Assert.Equal(TaskState.Succeeded, end.Lifecycle));
        Assert.NotNull(measured);
        Assert.InRange(measured!.Value, Generation * 0.5, Generation * 3);
        Assert.Equal(12, asked.Count);
        // Only the scouts ask on their way to the first result; the rest are asked when the measurement says.
        Assert.True(asked.Values.Count(count => count > 2) <= schedule.Scouts, string.Join(", ", asked.OrderBy(pair => pair.Key).Select(pair => $"{pair.Key}: {pair.Value}")));
        Assert.Equal(0, watcher.Count);
    }
}
