using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Seedance.Emulator.Faults;
using Seedance.Journal;
using Seedance.Tasks;
using Seedance.Tests.Support;
using Xunit;

namespace Seedance.Tests.Tasks;

/// <summary>
/// A task ends once, whichever way comes first: its outcome is journalled once and its throttle slot freed once. And
/// the subscribers to a connection's task changes cannot break the polling that feeds them.
/// </summary>
public sealed class TaskLifecycleTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_subscriber_that_throws_fails_no_poll_and_the_other_subscribers_still_hear()
    {
        using var harness = new EmulatorHarness();
        var connection = harness.Connect(configure: options => options.ThrottleLimit = 1);
        var heard = new ConcurrentQueue<VideoTask>();
        connection.TaskChanged += _ => throw new InvalidOperationException("a broken subscriber");
        connection.TaskChanged += heard.Enqueue;

        var task = await connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl()), CancellationToken.None);
        var final = await connection.WaitAsync(task, Deadline, CancellationToken.None);

        Assert.Equal(TaskState.Succeeded, final.Lifecycle);
        Assert.Contains(heard, change => change.Id == task.Id && change.Lifecycle == TaskState.Succeeded);
        Assert.Equal(1, EndLines(harness.Journal, task.Id));
        Assert.Equal(0, connection.PendingTasks);
    }

    [Fact]
    public async Task A_task_cancelled_while_its_poll_is_answered_ends_once_journalled_once_and_frees_one_slot()
    {
        using var folder = new TempFolder();
        var journal = new TaskJournal(folder.File("journal.jsonl"));
        using var lifecycle = new TaskLifecycle(journal, throttleLimit: 2);
        var answer = new TaskCompletionSource<VideoTask>(TaskCreationOptions.RunContinuationsAsynchronously);
        var asked = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var watcher = new TaskWatcher(
            (_, _) =>
            {
                asked.TrySetResult(true);
                return answer.Task;
            },
            _ => new Expectation(TimeSpan.Zero, false, "WaveSpeed|model"),
            (_, _) => { },
            new PollSchedule(),
            maxConcurrentPolls: 1,
            lifecycle);
        lifecycle.Changed += _ => throw new InvalidOperationException("a broken subscriber");
        var neighbour = new VideoTask("neighbour", "WaveSpeed", "model") { Lifecycle = TaskState.Running };
        lifecycle.Open(neighbour, await lifecycle.WaitForSlotAsync(CancellationToken.None));
        var running = new VideoTask("task-1", "WaveSpeed", "model") { Lifecycle = TaskState.Running };
        lifecycle.Open(running, await lifecycle.WaitForSlotAsync(CancellationToken.None));
        Assert.Equal(0, lifecycle.FreeSlots);

        var waiter = watcher.Watch(running);
        await asked.Task.WaitAsync(Deadline);
        watcher.Forget(running with { Lifecycle = TaskState.Cancelled });
        answer.SetResult(running with { Lifecycle = TaskState.Succeeded });
        var final = await waiter.WaitAsync(Deadline);
        // Every other way of ending it, once more: a final snapshot watched, and a direct end.
        await watcher.Watch(running with { Lifecycle = TaskState.Succeeded });
        Assert.False(lifecycle.End(running with { Lifecycle = TaskState.Failed }));

        Assert.Equal(TaskState.Cancelled, final.Lifecycle);
        Assert.Equal(1, EndLines(journal, running.Id));
        Assert.Equal(TaskState.Cancelled, journal.ReadAll().Single(record => record.Id == running.Id).State);
        Assert.Equal(1, lifecycle.FreeSlots);
        Assert.Equal(1, lifecycle.Unfinished);
    }

    [Fact]
    public async Task A_task_final_in_its_submits_answer_ends_once_however_often_it_is_waited_for()
    {
        using var harness = new EmulatorHarness(options => options.Faults.Add(new FaultRule { Endpoint = "submit", Action = FaultAction.AnswerFinished }));
        var connection = harness.Connect(configure: options => options.ThrottleLimit = 1);

        var task = await connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl()), CancellationToken.None);
        await connection.WaitAsync(task, Deadline, CancellationToken.None);
        await connection.WaitAsync(task, Deadline, CancellationToken.None);

        Assert.Equal(TaskState.Succeeded, task.Lifecycle);
        Assert.Equal(1, EndLines(harness.Journal, task.Id));
        Assert.Equal(0, connection.PendingTasks);
    }

    /// <summary>The journal lines that record a state of the task: one per end.</summary>
    private static int EndLines(TaskJournal journal, string id) =>
        File.ReadAllLines(journal.Path).Count(line => line.Contains("\"updated\"") && line.Contains($"\"{id}\""));
}
