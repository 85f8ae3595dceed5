using Seedance.Emulator.Media;

namespace Seedance.Tests.Tasks;

/// <summary>
/// The batch behaviours the benchmark relies on, as pass/fail facts (no timings): the throttle holds, a
/// submitter alone never deadlocks at the cap, results come in completion order, downloads stream.
/// </summary>
[Collection(MeasuredAloneCollection.Name)]
public sealed class ThroughputTests
{
    [Fact]
    public async Task The_throttle_never_lets_more_than_its_limit_be_unfinished_at_the_provider()
    {
        using var harness = new EmulatorHarness(options => { options.Latency = TimeSpan.FromMilliseconds(150); options.ConcurrencyLimit = 0; });
        var connection = harness.Connect(configure: options => options.ThrottleLimit = 3);

        var submitted = new List<VideoTask>();
        for (var i = 0; i < 12; i++)
        {
            submitted.Add(await connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl()), CancellationToken.None));
        }

        await Task.WhenAll(submitted.Select(task => connection.WaitAsync(task, TimeSpan.FromSeconds(60), CancellationToken.None)));
        Assert.Equal(12, harness.Submits());
        Assert.Equal(3, harness.Server.Tasks.MaxUnfinishedPerKey);
    }

    [Fact]
    public async Task Submitting_alone_past_the_cap_does_not_deadlock()
    {
        // Nobody waits for these tasks: the connection's own watcher must notice them finish and free the slots.
        using var harness = new EmulatorHarness(options => options.Latency = TimeSpan.FromMilliseconds(100));
        var connection = harness.Connect(configure: options => options.ThrottleLimit = 2);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        for (var i = 0; i < 6; i++)
        {
            await connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl()), deadline.Token);
        }

        Assert.Equal(6, harness.Submits());
        Assert.False(deadline.IsCancellationRequested);
    }

    [Fact]
    public async Task Tasks_are_reported_in_the_order_they_finish_not_the_order_they_were_submitted()
    {
        using var harness = new EmulatorHarness();
        var connection = harness.Connect(configure: options => options.ThrottleLimit = 0);
        // Far enough apart that no two finish between the same two status requests (200 ms apart at the finest), with
        // room for a busy two-core machine to answer a poll late: 800 ms was not always enough.
        var latencies = new[] { 4500, 300, 3000, 1500 };
        var finishOrder = new List<string>();
        var submitted = new List<VideoTask>();
        foreach (var latency in latencies)
        {
            submitted.Add(await connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl(prompt: $"pan #latency={latency}")), CancellationToken.None));
        }

        await Task.WhenAll(submitted.Select(async task =>
        {
            var final = await connection.WaitAsync(task, TimeSpan.FromSeconds(60), CancellationToken.None);
            lock (finishOrder)
            {
                finishOrder.Add(final.Id);
            }
        }));

        var expected = submitted.Zip(latencies, (task, latency) => (task.Id, latency)).OrderBy(pair => pair.latency).Select(pair => pair.Id);
        Assert.Equal(expected, finishOrder);
    }

    [Fact]
    public async Task A_large_download_streams_rather_than_buffering_the_file()
    {
        const long size = 150_000_000;
        using var harness = new EmulatorHarness(options => { options.Latency = TimeSpan.FromMilliseconds(50); options.OutputBytes = size; });
        var connection = harness.Connect();
        var task = await connection.WaitAsync(await connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl()), CancellationToken.None), TimeSpan.FromSeconds(30), CancellationToken.None);

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var file = await connection.SaveAsync(task, harness.Folder.File("large.mp4"), overwrite: false, null, CancellationToken.None);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Equal(size, file.Length);
        // Everything allocated in this process during the download, the emulator's serving included, stays far
        // below the file's size: neither side holds the video in memory.
        Assert.True(allocated < size / 5, $"{allocated:N0} bytes were allocated to download {size:N0}.");
    }
}
