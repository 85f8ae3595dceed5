using Seedance.Media;

namespace Seedance.Tests.Reliability;

/// <summary>Nothing paid for is lost at download time, and nothing half-written ever takes a final name.</summary>
public sealed class DownloadReliabilityTests
{
    [Fact]
    public async Task An_expired_video_url_is_replaced_by_a_fresh_one_from_the_provider()
    {
        using var harness = new EmulatorHarness(options => { options.Latency = TimeSpan.FromMilliseconds(50); options.OutputUrlLifetime = TimeSpan.FromSeconds(1); });
        var connection = harness.Connect();
        var task = await connection.WaitAsync(await connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl()), CancellationToken.None), TimeSpan.FromSeconds(30), CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(2.1)); // let the URL in the snapshot expire

        var file = await connection.SaveAsync(task, harness.Folder.File("late.mp4"), overwrite: false, null, CancellationToken.None);

        Assert.True(Mp4Inspector.Inspect(file.Path).IsValid);
        Assert.NotEqual(task.VideoUrl, file.Task.VideoUrl);
        Assert.Contains(harness.Server.Requests, request => request.Path.Contains("/api/v3/predictions/"));
    }

    [Fact]
    public async Task A_video_the_provider_no_longer_serves_is_reported_as_such()
    {
        using var harness = new EmulatorHarness(options => { options.Latency = TimeSpan.FromMilliseconds(50); options.OutputUrlLifetime = TimeSpan.FromSeconds(-10); options.ExpiredUrlStatus = 404; });
        var connection = harness.Connect();
        var task = await connection.WaitAsync(await connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl()), CancellationToken.None), TimeSpan.FromSeconds(30), CancellationToken.None);
        var target = harness.Folder.File("gone.mp4");

        var error = await Assert.ThrowsAsync<SeedanceException>(() => connection.SaveAsync(task, target, overwrite: false, null, CancellationToken.None));

        Assert.Equal("VideoUrlExpired", error.ErrorId);
        Assert.Equal(task.Id, error.TaskId);
        Assert.False(File.Exists(target));
    }

    [Fact]
    public async Task A_download_stopped_by_the_user_leaves_neither_a_final_nor_a_partial_file()
    {
        using var harness = new EmulatorHarness(options => { options.Latency = TimeSpan.FromMilliseconds(50); options.OutputBytes = 400_000_000; });
        var connection = harness.Connect();
        var task = await connection.WaitAsync(await connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl()), CancellationToken.None), TimeSpan.FromSeconds(30), CancellationToken.None);
        var target = harness.Folder.File("stopped.mp4");
        using var stop = new CancellationTokenSource();
        var progress = new StopAfter(stop, bytes: 20_000_000);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => connection.SaveAsync(task, target, overwrite: false, progress, stop.Token));

        Assert.False(File.Exists(target));
        Assert.False(File.Exists(target + ".partial"));
    }

    [Fact]
    public async Task A_download_that_keeps_arriving_damaged_never_reaches_its_final_name()
    {
        var (error, finalFileExists) = await SaveWhileEveryDownloadIsCutAsync("damaged.mp4", _ => { });

        Assert.Equal("DownloadFailed", error.ErrorId);
        Assert.False(finalFileExists);
        Assert.Contains("resumes it", error.Message);
    }

    [Fact]
    public async Task A_download_whose_resume_record_cannot_be_written_says_it_starts_over_rather_than_resumes()
    {
        // A folder where the record would go: it cannot be written, so the partial file cannot be trusted later.
        var (error, finalFileExists) = await SaveWhileEveryDownloadIsCutAsync("unrecorded.mp4", path => Directory.CreateDirectory(path + ".partial.json"));

        Assert.Equal("DownloadFailed", error.ErrorId);
        Assert.DoesNotContain("resumes it", error.Message);
        Assert.Contains("downloads it again from the start", error.Message);
        Assert.False(finalFileExists);
    }

    /// <summary>Saves a finished task while every download sends half the video and cuts the connection; says whether a file reached the final name.</summary>
    private static async Task<(SeedanceException Error, bool FinalFileExists)> SaveWhileEveryDownloadIsCutAsync(string name, Action<string> beforeSaving)
    {
        using var harness = new EmulatorHarness(options =>
        {
            options.Latency = TimeSpan.FromMilliseconds(50);
            options.Faults.Add(new Seedance.Emulator.Faults.FaultRule { Endpoint = "download", Action = Seedance.Emulator.Faults.FaultAction.Truncate });
        });
        var connection = harness.Connect();
        var task = await connection.WaitAsync(await connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl()), CancellationToken.None), TimeSpan.FromSeconds(30), CancellationToken.None);
        var target = harness.Folder.File(name);
        beforeSaving(target);
        var error = await Assert.ThrowsAsync<SeedanceException>(() => connection.SaveAsync(task, target, overwrite: false, null, CancellationToken.None));
        return (error, File.Exists(target));
    }

    [Theory]
    [InlineData("../../etc/passwd", "_.._etc_passwd.mp4")]
    [InlineData("..\\..\\Windows\\win.ini", "_.._Windows_win.ini.mp4")]
    [InlineData("CON", "_CON.mp4")]
    [InlineData("lpt1.report", "_lpt1.report.mp4")]
    [InlineData("a:b*c?d\"e<f>g|h", "a_b_c_d_e_f_g_h.mp4")]
    [InlineData("...", "video.mp4")]
    [InlineData(" trailing. ", "trailing.mp4")]
    [InlineData("shot\u0001one", "shot_one.mp4")]
    public void File_names_made_from_task_data_are_safe(string id, string expected)
    {
        var name = VideoFileNaming.FileNameFor(new VideoTask(id, "WaveSpeed", "m"), VideoFileNaming.DefaultTemplate);

        Assert.Equal(expected, name);
        Assert.Equal(name, Path.GetFileName(Path.Combine("videos", name)));
    }

    [Fact]
    public void A_template_names_videos_after_their_images()
    {
        var task = new VideoTask("abc123", "WaveSpeed", "m") { SourceImage = "cat photo.png" };

        Assert.Equal("cat photo-abc123.mp4", VideoFileNaming.FileNameFor(task, "{Image}-{Id}"));
    }

    [Fact]
    public void A_path_without_extension_is_a_folder_and_one_with_mp4_a_file()
    {
        var task = new VideoTask("abc123", "WaveSpeed", "m");
        var folder = Path.Combine(Path.GetTempPath(), "videos");

        Assert.Equal(Path.Combine(folder, "abc123.mp4"), VideoFileNaming.Resolve("videos", folder, task, null));
        Assert.Equal(folder + ".mp4", VideoFileNaming.Resolve("videos.mp4", folder + ".mp4", task, null));
    }

    private sealed class StopAfter : IProgress<long>
    {
        private readonly CancellationTokenSource _stop;
        private readonly long _bytes;

        public StopAfter(CancellationTokenSource stop, long bytes)
        {
            _stop = stop;
            _bytes = bytes;
        }

        public void Report(long value)
        {
            if (value >= _bytes)
            {
                _stop.Cancel();
            }
        }
    }
}
