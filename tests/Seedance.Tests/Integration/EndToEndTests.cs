using Seedance.Emulator.Faults;
using Seedance.Media;
using Xunit.Abstractions;

namespace Seedance.Tests.Integration;

/// <summary>Submit, wait and download over real HTTP against the emulator, with real MP4 files checked.</summary>
public sealed class EndToEndTests
{
    private readonly ITestOutputHelper _output;

    public EndToEndTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task Twenty_tasks_submitted_waited_and_downloaded_concurrently_give_twenty_valid_videos()
    {
        using var harness = new EmulatorHarness(options => options.Latency = TimeSpan.FromMilliseconds(500));
        var connection = harness.Connect(configure: options => options.ThrottleLimit = 0);
        var images = Enumerable.Range(1, 20).Select(seed => harness.NewImage(seed)).ToList();

        var submitted = await Task.WhenAll(images.Select(image => connection.SubmitAsync(connection.Prepare(Support.Requests.ImageToVideo(image)), CancellationToken.None)));
        var files = await Task.WhenAll(submitted.Select(async task =>
        {
            var finished = await connection.WaitAsync(task, TimeSpan.FromSeconds(60), CancellationToken.None);
            return await connection.SaveAsync(finished, Path.Combine(harness.Folder.Path, "videos", task.Id + ".mp4"), overwrite: false, null, CancellationToken.None);
        }));

        Assert.Equal(20, files.Select(file => file.Path).Distinct().Count());
        foreach (var file in files)
        {
            var info = Mp4Inspector.Inspect(file.Path);
            Assert.True(info.IsValid, string.Join("; ", info.Problems));
            Assert.Equal(5.0, info.DurationSeconds, 2);
            Assert.Equal((1280, 720), (file.Width, file.Height));
            Assert.Equal(24, file.FramesPerSecond, 1);
            Assert.True(file.HasAudio);
            Assert.False(File.Exists(file.Path + ".partial"));
        }

        AssertDecodes(files[0].Path, expectedSeconds: 5);
        var journal = harness.Journal.ReadAll();
        Assert.Equal(20, journal.Count);
        Assert.All(journal, record => Assert.False(record.IsPending));
        Assert.Equal(20, harness.Submits());
    }

    [Fact]
    public async Task A_failed_generation_ends_the_wait_as_failed_with_the_providers_reason()
    {
        using var harness = new EmulatorHarness(options => options.Latency = TimeSpan.FromMilliseconds(100));
        var connection = harness.Connect();
        var task = await connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl(prompt: "a cat #fail")), CancellationToken.None);

        var final = await connection.WaitAsync(task, TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.Equal(TaskState.Failed, final.Lifecycle);
        Assert.Contains("Generation failed", final.Error);
        Assert.Equal(TaskState.Failed, harness.Journal.ReadAll().Single().State);
    }

    [Fact]
    public async Task A_moderation_refusal_is_reported_with_the_nsfw_flag()
    {
        using var harness = new EmulatorHarness(options => options.Latency = TimeSpan.FromMilliseconds(100));
        var connection = harness.Connect();
        var task = await connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl(prompt: "a cat #nsfw")), CancellationToken.None);

        var final = await connection.WaitAsync(task, TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.Equal(TaskState.Failed, final.Lifecycle);
        Assert.Equal(new[] { true }, final.NsfwFlags);
        Assert.Contains("moderation", final.Error);
    }

    [Fact]
    public async Task A_wait_that_times_out_names_the_task_and_what_to_do()
    {
        using var harness = new EmulatorHarness();
        var connection = harness.Connect();
        var task = await connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl(prompt: "a cat #stuck")), CancellationToken.None);

        var error = await Assert.ThrowsAsync<SeedanceException>(() => connection.WaitAsync(task, TimeSpan.FromSeconds(1), CancellationToken.None));

        Assert.Equal("WaitTimedOut", error.ErrorId);
        Assert.Equal(SeedanceErrorCategory.Timeout, error.Category);
        Assert.Equal(task.Id, error.TaskId);
        Assert.Contains($"Stop-SeedanceTask -Id {task.Id}", error.Message);
    }

    [Fact]
    public async Task Cancelling_a_wait_stops_it_without_an_error_of_its_own()
    {
        using var harness = new EmulatorHarness();
        var connection = harness.Connect();
        var task = await connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl(prompt: "#stuck")), CancellationToken.None);
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => connection.WaitAsync(task, TimeSpan.FromHours(1), stop.Token));
    }

    [Fact]
    public async Task An_existing_file_is_kept_unless_overwriting_is_asked_for()
    {
        using var harness = new EmulatorHarness(options => options.Latency = TimeSpan.FromMilliseconds(50));
        var connection = harness.Connect();
        var task = await connection.WaitAsync(await connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl()), CancellationToken.None), TimeSpan.FromSeconds(30), CancellationToken.None);
        var target = harness.Folder.File("kept.mp4");
        File.WriteAllText(target, "precious");

        var error = await Assert.ThrowsAsync<SeedanceException>(() => connection.SaveAsync(task, target, overwrite: false, null, CancellationToken.None));
        Assert.Equal("FileExists", error.ErrorId);
        Assert.Equal("precious", File.ReadAllText(target));

        var file = await connection.SaveAsync(task, target, overwrite: true, null, CancellationToken.None);
        Assert.True(Mp4Inspector.Inspect(file.Path).IsValid);
    }

    [Fact]
    public async Task A_download_cut_off_midway_is_resumed_and_verified()
    {
        using var harness = new EmulatorHarness(options =>
        {
            options.Latency = TimeSpan.FromMilliseconds(50);
            options.Faults.Add(new FaultRule { Endpoint = "download", Calls = { 1 }, Action = FaultAction.Truncate });
        });
        var connection = harness.Connect();
        var task = await connection.WaitAsync(await connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl()), CancellationToken.None), TimeSpan.FromSeconds(30), CancellationToken.None);

        var file = await connection.SaveAsync(task, harness.Folder.File("resumed.mp4"), overwrite: false, null, CancellationToken.None);

        Assert.Equal(2, harness.Server.Options.Faults.CallsTo("download"));
        Assert.True(Mp4Inspector.Inspect(file.Path).IsValid);
        Assert.Equal(harness.Server.Files.BytesServed, file.Length);
        AssertDecodes(file.Path, expectedSeconds: 5);
    }

    private void AssertDecodes(string path, double expectedSeconds)
    {
        if (!Ffprobe.IsAvailable)
        {
            _output.WriteLine(Ffprobe.NotInstalledNotice);
            return;
        }

        var report = Ffprobe.Probe(path);
        var video = report.Streams.Single(stream => stream.CodecType == "video");
        Assert.Equal("h264", video.CodecName);
        Assert.Equal("24/1", video.AvgFrameRate);
        Assert.Equal(expectedSeconds, report.FormatDurationSeconds, 2);
        Assert.Equal((long)(expectedSeconds * 24), video.ReadFrames);
        Assert.Equal(string.Empty, Ffprobe.DecodeErrors(path));
    }
}
