using System.Text.Json.Nodes;
using Seedance.Connections;
using Seedance.Emulator.Faults;

namespace Seedance.Tests.Reliability;

/// <summary>
/// A .partial file is resumed only for the video it holds the start of: another task's cut download, or a
/// partial file nobody can vouch for, is started over, so a saved file is always exactly its own task's video.
/// </summary>
public sealed class PartialDownloadTests
{
    private static readonly HttpClient Direct = new();

    [Fact]
    public async Task A_cut_download_of_one_task_is_not_resumed_with_another_tasks_bytes()
    {
        using var harness = CuttingFirstDownload();
        var connection = harness.Connect();
        var taskA = await FinishedAsync(connection, seconds: 5, "task A");
        var taskB = await FinishedAsync(connection, seconds: 10, "task B");
        var target = harness.Folder.File("shot.mp4");
        await CutAsync(connection, taskA, target);

        var file = await connection.SaveAsync(taskB, target, overwrite: false, null, CancellationToken.None);

        Assert.Equal(await Direct.GetByteArrayAsync(taskB.VideoUrl), File.ReadAllBytes(file.Path));
        Assert.Equal(new[] { target }, Directory.GetFiles(harness.Folder.Path, "shot.mp4*"));
    }

    [Fact]
    public async Task A_partial_file_that_nothing_says_belongs_to_the_task_is_started_over()
    {
        using var harness = new EmulatorHarness(options => options.Latency = TimeSpan.FromMilliseconds(50));
        var connection = harness.Connect();
        var taskA = await FinishedAsync(connection, seconds: 5, "task A");
        var taskB = await FinishedAsync(connection, seconds: 10, "task B");
        var target = harness.Folder.File("shot.mp4");
        var startOfA = await Direct.GetByteArrayAsync(taskA.VideoUrl);
        File.WriteAllBytes(target + ".partial", startOfA.Take(startOfA.Length / 2).ToArray());

        var file = await connection.SaveAsync(taskB, target, overwrite: false, null, CancellationToken.None);

        Assert.Equal(await Direct.GetByteArrayAsync(taskB.VideoUrl), File.ReadAllBytes(file.Path));
    }

    [Fact]
    public async Task A_partial_file_of_a_video_that_changed_at_the_server_is_downloaded_anew()
    {
        using var harness = CuttingFirstDownload();
        var connection = harness.Connect();
        var task = await FinishedAsync(connection, seconds: 5, "changed");
        var target = harness.Folder.File("changed.mp4");
        await CutAsync(connection, task, target);

        // As if the server's file had changed since: the validator the partial file was recorded with no longer matches.
        var record = JsonNode.Parse(File.ReadAllText(target + ".partial.json"))!;
        record["eTag"] = "\"replaced\"";
        File.WriteAllText(target + ".partial.json", record.ToJsonString());
        var servedBefore = harness.Server.Files.BytesServed;

        var file = await connection.SaveAsync(task, target, overwrite: false, null, CancellationToken.None);

        Assert.Equal(file.Length, harness.Server.Files.BytesServed - servedBefore);
        Assert.Equal(await Direct.GetByteArrayAsync(task.VideoUrl), File.ReadAllBytes(file.Path));
    }

    [Fact]
    public async Task A_download_that_runs_to_its_end_writes_no_record_beside_its_partial_file()
    {
        using var harness = new EmulatorHarness(options => options.Latency = TimeSpan.FromMilliseconds(50));
        var connection = harness.Connect();
        var task = await FinishedAsync(connection, seconds: 5, "one go");
        var target = harness.Folder.File("one-go.mp4");
        var recordSeen = false;
        var progress = new InlineProgress(_ => recordSeen |= File.Exists(target + ".partial.json"));

        await connection.SaveAsync(task, target, overwrite: false, progress, CancellationToken.None);

        Assert.False(recordSeen, "the record is written only when a download gives up");
        Assert.Equal(new[] { target }, Directory.GetFiles(harness.Folder.Path, "one-go.mp4*"));
    }

    /// <summary>Reports on the thread that writes, so the check sees the folder as it is at that byte.</summary>
    private sealed class InlineProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }

    /// <summary>An emulator that cuts every attempt of the first download off half-way (four attempts: the retries included).</summary>
    private static EmulatorHarness CuttingFirstDownload() => new(options =>
    {
        options.Latency = TimeSpan.FromMilliseconds(50);
        options.Faults.Add(new FaultRule { Endpoint = "download", Calls = { 1, 2, 3, 4 }, Action = FaultAction.Truncate });
    });

    /// <summary>Saves <paramref name="task"/> to <paramref name="target"/> while every attempt is cut off, leaving its .partial file.</summary>
    private static async Task CutAsync(SeedanceConnection connection, VideoTask task, string target)
    {
        var cut = await Assert.ThrowsAsync<SeedanceException>(() => connection.SaveAsync(task, target, overwrite: false, null, CancellationToken.None));
        Assert.Equal("DownloadFailed", cut.ErrorId);
        Assert.True(File.Exists(target + ".partial"));
    }

    private static async Task<VideoTask> FinishedAsync(SeedanceConnection connection, int seconds, string prompt)
    {
        var request = Support.Requests.FromUrl(prompt: prompt);
        request.DurationSeconds = seconds;
        var task = await connection.SubmitAsync(connection.Prepare(request), CancellationToken.None);
        return await connection.WaitAsync(task, TimeSpan.FromSeconds(30), CancellationToken.None);
    }
}
