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
}
