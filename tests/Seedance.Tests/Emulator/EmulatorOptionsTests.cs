using Seedance.Emulator;
using Seedance.Emulator.Media;
using Seedance.Emulator.Recording;
using Seedance.Emulator.Server;
using Seedance.Emulator.Tasks;

namespace Seedance.Tests.Emulator;

/// <summary>
/// The emulator's settings users rehearse with: a latency range, per-provider concurrency and submit quotas
/// answered as each provider answers them, an output folder, and settings that cannot work refused up front.
/// </summary>
public sealed class EmulatorOptionsTests
{
    [Fact]
    public void With_a_latency_range_each_task_runs_for_its_own_time_within_it()
    {
        using var server = EmulatorServer.Start(new EmulatorOptions { Latency = TimeSpan.FromSeconds(2), LatencyMaximum = TimeSpan.FromSeconds(8), ConcurrencyLimit = 0 });

        var latencies = Enumerable.Range(0, 12).Select(_ => Seed(server, "WaveSpeed")).Select(task => task.DueAt!.Value - task.StartedAt!.Value).ToList();

        Assert.All(latencies, latency => Assert.InRange(latency, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(8)));
        Assert.True(latencies.Distinct().Count() > 1, "The latencies were all " + latencies[0]);
    }

    [Fact]
    public void A_provider_limited_on_its_own_queues_its_tasks_while_others_run()
    {
        var options = new EmulatorOptions { Latency = TimeSpan.FromMinutes(5) };
        options.ConcurrencyLimitByProvider["wavespeed"] = 1;
        using var server = EmulatorServer.Start(options);

        var waveSpeed = Enumerable.Range(0, 3).Select(_ => Seed(server, "WaveSpeed")).ToList();
        var ark = Enumerable.Range(0, 3).Select(_ => Seed(server, "Ark")).ToList();

        Assert.Equal(new[] { EmulatedTaskState.Running, EmulatedTaskState.Queued, EmulatedTaskState.Queued }, waveSpeed.Select(task => task.State));
        Assert.All(ark, task => Assert.Equal(EmulatedTaskState.Running, task.State));
    }

    [Fact]
    public async Task A_provider_that_refuses_over_its_concurrency_answers_429_for_its_own_limit()
    {
        using var harness = new EmulatorHarness(options => { options.Latency = TimeSpan.FromMinutes(5); options.ConcurrencyLimitByProvider["AIMLAPI"] = 1; });
        var connection = harness.Connect("AIMLAPI");
        await connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl()), CancellationToken.None);

        var error = await Assert.ThrowsAsync<SeedanceException>(() => connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl()), CancellationToken.None));

        Assert.Equal(SeedanceErrorCategory.RateLimited, error.Category);
        Assert.Equal(1, harness.Submits("AIMLAPI"));
    }

    [Fact]
    public async Task One_provider_s_submit_quota_leaves_the_others_at_their_documented_figure()
    {
        using var harness = new EmulatorHarness(options => options.SubmitsPerMinuteByProvider["WaveSpeed"] = 1);
        var waveSpeed = harness.Connect();
        var replicate = harness.Connect("Replicate");
        await waveSpeed.SubmitAsync(waveSpeed.Prepare(Support.Requests.FromUrl()), CancellationToken.None);

        var error = await Assert.ThrowsAsync<SeedanceException>(() => waveSpeed.SubmitAsync(waveSpeed.Prepare(Support.Requests.FromUrl()), CancellationToken.None));
        for (var i = 0; i < 2; i++)
        {
            await replicate.SubmitAsync(replicate.Prepare(Support.Requests.FromUrl()), CancellationToken.None);
        }

        Assert.Contains("1 videos per minute", error.Message);
        Assert.Equal(2, harness.Submits("Replicate"));
    }

    [Theory]
    [InlineData("Ark", "Ark publishes no submit quota")]
    [InlineData("Midjourney", "The emulator has no twin of 'Midjourney'. It serves: WaveSpeed, AIMLAPI, Ark, fal, Replicate, AtlasCloud.")]
    public void A_submit_quota_the_emulator_cannot_answer_is_refused(string provider, string message)
    {
        var options = new EmulatorOptions();
        options.SubmitsPerMinuteByProvider[provider] = 5;

        var error = Assert.Throws<ArgumentException>(() => EmulatorServer.Start(options));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_backwards_latency_range_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => EmulatorServer.Start(new EmulatorOptions { Latency = TimeSpan.FromSeconds(8), LatencyMaximum = TimeSpan.FromSeconds(2) }));

        Assert.Contains("8 s to 2 s is backwards", error.Message);
    }

    [Fact]
    public void Each_succeeded_task_s_video_is_written_to_the_output_folder_and_named_in_its_record()
    {
        using var folder = new TempFolder();
        var output = Path.Combine(folder.Path, "videos");
        var server = EmulatorServer.Start(new EmulatorOptions { OutputFolder = output });
        byte[] expected;
        try
        {
            var task = server.Tasks.Create("task-1", "key", new EmulatedTaskSpec { Provider = "WaveSpeed", Model = "m", Prompt = "zoom in", DurationSeconds = 2 }, finishedAtOnce: true);
            server.Tasks.Create("task-2", "key", new EmulatedTaskSpec { Provider = "WaveSpeed", Model = "m", Prompt = "#fail" }, finishedAtOnce: true);
            using var video = new MemoryStream();
            SyntheticVideo.WriteMp4(video, server.Files.SpecFor(task));
            expected = video.ToArray();
        }
        finally
        {
            // Stopping waits for the videos still being written.
            server.Dispose();
        }

        var written = Path.Combine(output, "task-1.mp4");
        Assert.Equal(new[] { written }, Directory.GetFiles(output));
        Assert.Equal(expected, File.ReadAllBytes(written));
        Assert.Equal(written, server.Recorder.Records<RecordedTask>().Single(task => task.TaskId == "task-1").OutputPath);
    }

    private static EmulatedTask Seed(EmulatorServer server, string provider) =>
        server.Tasks.Create(Guid.NewGuid().ToString("N"), "key", new EmulatedTaskSpec { Provider = provider, Model = "m", Prompt = "p" });
}
