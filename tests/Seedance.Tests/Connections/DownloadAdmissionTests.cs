using Seedance.Connections;
using Seedance.Emulator.Faults;

namespace Seedance.Tests.Connections;

/// <summary>
/// Downloads give way to submits: the full width when no submit is under way, a narrow one while one is (so a wave's
/// turnover refills its throttle slots before it fetches gigabytes), never stopping a download already running, and
/// in the order they asked.
/// </summary>
public sealed class DownloadAdmissionTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(4, 2)]
    [InlineData(15, 3)]
    [InlineData(39, 9)]
    public void The_narrow_width_is_a_quarter_of_the_full_one_and_at_least_two(int wide, int narrow) =>
        Assert.Equal(narrow, DownloadAdmission.NarrowOf(wide));

    [Fact]
    public async Task Starts_up_to_the_full_width_when_no_submit_is_under_way()
    {
        var admission = new DownloadAdmission(wide: 4);
        var running = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => admission.EnterAsync(CancellationToken.None)));

        var fifth = admission.EnterAsync(CancellationToken.None);
        Assert.False(fifth.IsCompleted);

        running[0].Dispose();
        (await fifth).Dispose();
        Assert.Equal(3, admission.Downloading);
    }

    [Fact]
    public async Task Starts_only_the_narrow_width_while_a_submit_is_under_way_and_the_rest_once_it_is_answered()
    {
        var admission = new DownloadAdmission(wide: 8);
        var submit = admission.SubmitUnderWay();

        var turns = Enumerable.Range(0, 5).Select(_ => admission.EnterAsync(CancellationToken.None)).ToArray();
        Assert.Equal(new[] { true, true, false, false, false }, turns.Select(turn => turn.IsCompleted));
        Assert.Equal(2, admission.Downloading);

        submit.Dispose();
        await Task.WhenAll(turns);
        Assert.Equal(5, admission.Downloading);
    }

    [Fact]
    public async Task A_submit_stops_no_download_that_is_running_and_later_ones_wait_until_fewer_than_the_narrow_width_run()
    {
        var admission = new DownloadAdmission(wide: 4);
        var running = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => admission.EnterAsync(CancellationToken.None)));

        using var submit = admission.SubmitUnderWay();
        Assert.Equal(4, admission.Downloading);
        var waiting = admission.EnterAsync(CancellationToken.None);

        running[0].Dispose();
        running[1].Dispose();
        Assert.Equal(2, admission.Downloading);

        running[2].Dispose();
        Assert.Equal(2, admission.Downloading);
        (await waiting).Dispose();
        running[3].Dispose();
        Assert.Equal(0, admission.Downloading);
    }

    [Fact]
    public async Task Waiting_downloads_start_in_the_order_they_asked()
    {
        var admission = new DownloadAdmission(wide: 1);
        var first = await admission.EnterAsync(CancellationToken.None);
        var started = new List<int>();
        var waiting = Enumerable.Range(1, 3).Select(async order =>
        {
            using (await admission.EnterAsync(CancellationToken.None))
            {
                lock (started)
                {
                    started.Add(order);
                }
            }
        }).ToArray();

        first.Dispose();
        await Task.WhenAll(waiting);
        Assert.Equal(new[] { 1, 2, 3 }, started);
    }

    [Fact]
    public async Task A_cancelled_wait_takes_no_turn_and_a_disposed_turn_frees_only_once()
    {
        var admission = new DownloadAdmission(wide: 1);
        var first = await admission.EnterAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var abandoned = admission.EnterAsync(cancel.Token);
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);

        first.Dispose();
        first.Dispose();
        var next = await admission.EnterAsync(CancellationToken.None);
        Assert.Equal(1, admission.Downloading);
        Assert.False(admission.EnterAsync(CancellationToken.None).IsCompleted);
        next.Dispose();
    }

    [Fact]
    public async Task A_connection_fetches_narrow_while_one_of_its_submits_waits_for_its_answer()
    {
        using var harness = new EmulatorHarness(options =>
        {
            options.Latency = TimeSpan.FromMilliseconds(50);
            options.Faults.Add(new FaultRule { Endpoint = "submit", Calls = { 4 }, Action = FaultAction.Delay, DelayMilliseconds = 4000 });
            options.Faults.Add(new FaultRule { Endpoint = "download", Calls = { 1, 2, 3 }, Action = FaultAction.Delay, DelayMilliseconds = 2500 });
        });
        var connection = harness.Connect(configure: options => options.MaxConcurrentDownloads = 4);
        var finished = new List<VideoTask>();
        foreach (var prompt in new[] { "one", "two", "three" })
        {
            var task = await connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl(prompt: prompt)), CancellationToken.None);
            finished.Add(await connection.WaitAsync(task, TimeSpan.FromSeconds(20), CancellationToken.None));
        }

        var heldSubmit = connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl(prompt: "four")), CancellationToken.None);
        await Wait.Until(() => SubmitsArrived(harness) == 4);
        var saves = finished.Select(task => connection.SaveAsync(task, harness.Folder.File(task.Prompt + ".mp4"), overwrite: false, progress: null, CancellationToken.None)).ToArray();

        // Two of four, as the submit is still waiting; the two held downloads keep it that way for 2.5 s.
        await Wait.Until(() => Downloads(harness) == 2);
        await Task.Delay(500);
        Assert.Equal(2, Downloads(harness));
        Assert.False(heldSubmit.IsCompleted);

        await heldSubmit;
        await Task.WhenAll(saves);
        Assert.Equal(3, Downloads(harness));
    }

    private static int SubmitsArrived(EmulatorHarness harness) =>
        harness.Server.Requests.Count(request => request.Method == "POST");

    private static int Downloads(EmulatorHarness harness) =>
        harness.Server.Requests.Count(request => request.Method == "GET" && request.Path.StartsWith("/files/", StringComparison.Ordinal));
}
