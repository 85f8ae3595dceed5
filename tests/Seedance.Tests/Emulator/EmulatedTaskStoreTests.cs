using Seedance.Emulator;
using Seedance.Emulator.Tasks;

namespace Seedance.Tests.Emulator;

/// <summary>However the emulator's clock is moved on, each task that finished meanwhile is reported once, so its webhook and video go out.</summary>
public sealed class EmulatedTaskStoreTests
{
    [Theory]
    [InlineData("Snapshot")]
    [InlineData("Peek")]
    [InlineData("Observe")]
    [InlineData("Advance")]
    public void A_task_that_finished_while_time_moved_on_is_reported_whichever_call_moved_it(string call)
    {
        var now = DateTimeOffset.UnixEpoch;
        var store = new EmulatedTaskStore(new EmulatorOptions { Latency = TimeSpan.FromSeconds(1) }, () => now);
        var finished = new List<string>();
        store.Finished += task => finished.Add(task.Id);
        store.Create("t1", "key", new EmulatedTaskSpec { Provider = "WaveSpeed", Prompt = "p" });
        now += TimeSpan.FromSeconds(2);

        switch (call)
        {
            case "Snapshot": store.Snapshot(); break;
            case "Peek": store.Peek("t1"); break;
            case "Observe": store.Observe("t1"); break;
            default: store.Advance(); break;
        }

        store.Advance();
        Assert.Equal(new[] { "t1" }, finished);
    }

    [Fact]
    public void Tasks_past_the_limit_queue_in_arrival_order_and_start_the_moment_a_slot_frees()
    {
        var now = DateTimeOffset.UnixEpoch;
        var store = new EmulatedTaskStore(new EmulatorOptions { Latency = TimeSpan.FromSeconds(10), ConcurrencyLimit = 2 }, () => now);
        var finished = new List<string>();
        store.Finished += task => finished.Add(task.Id);
        var tasks = Enumerable.Range(0, 5).Select(i =>
        {
            now += TimeSpan.FromSeconds(1);
            return store.Create($"t{i}", "key", new EmulatedTaskSpec { Provider = "WaveSpeed", Prompt = "p" });
        }).ToList();

        Assert.Equal(new[] { EmulatedTaskState.Running, EmulatedTaskState.Running, EmulatedTaskState.Queued, EmulatedTaskState.Queued, EmulatedTaskState.Queued }, tasks.Select(task => task.State));
        Assert.Equal(new[] { 0, 1, 2 }, tasks.Skip(2).Select(task => task.QueuePosition));

        // A cancelled task in the middle of the queue moves only those behind it up.
        Assert.Equal(EmulatedTaskState.Queued, store.Cancel("t3", runningToo: false));
        Assert.Equal(new[] { 0, 1 }, new[] { tasks[2], tasks[4] }.Select(task => task.QueuePosition));

        now += TimeSpan.FromSeconds(30);
        store.Advance();

        Assert.Equal(new[] { "t3", "t0", "t1", "t2", "t4" }, finished);
        Assert.Equal(tasks[0].CompletedAt, tasks[2].StartedAt);
        Assert.Equal(tasks[1].CompletedAt, tasks[4].StartedAt);
        Assert.Equal(2, store.MaxRunningPerKey);
        Assert.Equal(5, store.MaxUnfinishedPerKey);
    }

    [Fact]
    public void A_stuck_task_holds_its_slot_and_a_cancelled_running_one_gives_it_back()
    {
        var now = DateTimeOffset.UnixEpoch;
        var options = new EmulatorOptions { Latency = TimeSpan.FromSeconds(1), ConcurrencyLimit = 1 };
        var store = new EmulatedTaskStore(options, () => now);
        var stuck = store.Create("stuck", "key", new EmulatedTaskSpec { Provider = "WaveSpeed", Prompt = "p " + options.StuckMarker });
        var waiting = store.Create("waiting", "key", new EmulatedTaskSpec { Provider = "WaveSpeed", Prompt = "p" });
        now += TimeSpan.FromMinutes(10);
        store.Advance();
        Assert.Equal((EmulatedTaskState.Running, EmulatedTaskState.Queued), (stuck.State, waiting.State));

        store.Cancel("stuck", runningToo: true);
        now += TimeSpan.FromSeconds(2);
        store.Advance();

        Assert.Equal((EmulatedTaskState.Cancelled, EmulatedTaskState.Succeeded), (stuck.State, waiting.State));
    }
}
