using Seedance.Media;
using Seedance.Providers;
using Seedance.Storyboards;

namespace Seedance.Tests.Storyboards;

/// <summary>A storyboard is checked whole before the first clip is paid for, then made clip by clip, each from the one before.</summary>
public sealed class StoryboardTests : IDisposable
{
    private readonly EmulatorHarness _harness = new(options => options.Latency = TimeSpan.FromMilliseconds(200));

    private static List<VideoRequest> Clips(params string[] prompts) =>
        prompts.Select(prompt => new VideoRequest { Prompt = prompt, DurationSeconds = 5 }).ToList();

    [Fact]
    public async Task Ark_clips_ask_for_their_last_frame_except_the_last_and_are_priced_together()
    {
        var connection = _harness.Connect(ArkProvider.Name);

        var plan = await StoryboardPlan.MakeAsync(connection, Clips("a", "b", "c"), _harness.Folder.Path, "walk", false, null, CancellationToken.None);

        Assert.Equal(new bool?[] { true, true, null }, plan.Clips.Select(clip => clip.ReturnLastFrame));
        Assert.Equal(plan.Prepared.Sum(clip => clip.EstimatedCost!.Value), plan.EstimatedCost);
        Assert.Equal(new[] { "walk-01.mp4", "walk-02.mp4", "walk-03.mp4" }, plan.ClipPaths.Select(Path.GetFileName));
        Assert.Empty(plan.Clips[1].Images);
        Assert.Equal(0, _harness.ApiRequests(ArkProvider.Name));
    }

    [Fact]
    public async Task A_storyboard_over_the_cap_is_refused_whole_before_anything_is_sent()
    {
        var connection = _harness.Connect(ArkProvider.Name);

        var error = await Assert.ThrowsAsync<SeedanceException>(() => StoryboardPlan.MakeAsync(connection, Clips("a", "b", "c"), _harness.Folder.Path, "walk", false, 1m, CancellationToken.None));

        Assert.Equal(ErrorIds.CostLimitExceeded, error.ErrorId);
        Assert.Contains("storyboard's clip 2 of 3", error.Message);
        Assert.Equal(0, _harness.Submits(ArkProvider.Name));
    }

    [Fact]
    public async Task The_clips_are_chained_by_the_providers_last_frame_and_joined_when_ffmpeg_is_there()
    {
        var connection = _harness.Connect(ArkProvider.Name);
        var plan = await StoryboardPlan.MakeAsync(connection, Clips("she opens the door", "she walks out", "she looks up"), _harness.Folder.Path, "walk", false, null, CancellationToken.None);

        var storyboard = await StoryboardRun.RunAsync(connection, plan, TimeSpan.FromSeconds(30), false, null, CancellationToken.None);

        Assert.Equal(3, storyboard.Clips.Count);
        Assert.Equal(storyboard.Clips[0].Task.LastFrameUrl, plan.Clips[1].Images.Single().Uri);
        Assert.Equal(storyboard.Clips[1].Task.LastFrameUrl, plan.Clips[2].Images.Single().Uri);
        if (Ffmpeg.Find() is null)
        {
            Assert.Null(storyboard.Path);
            Console.WriteLine(Ffprobe.NotInstalledNotice);
            return;
        }

        Assert.Equal(Path.Combine(_harness.Folder.Path, "walk.mp4"), storyboard.Path);
        var joined = Ffprobe.Probe(storyboard.Path!);
        Assert.InRange(joined.FormatDurationSeconds, 14.5, 15.5);
    }

    [Fact]
    public void Clips_of_different_shapes_are_not_joined_by_stream_copy()
    {
        var task = new VideoTask("t", ArkProvider.Name, "m");
        var wide = new VideoFile("/v/a.mp4", task) { Width = 1280, Height = 720, FramesPerSecond = 24, HasAudio = true };

        Assert.Null(ClipJoiner.WhyNotJoinable(new[] { wide, wide with { } }));
        Assert.Equal("'a.mp4' is 720x1280 and 'a.mp4' 1280x720", ClipJoiner.WhyNotJoinable(new[] { wide, wide with { Width = 720, Height = 1280 } }));
        Assert.Equal("'a.mp4' has audio and 'b.mp4' has none", ClipJoiner.WhyNotJoinable(new[] { wide, new VideoFile("/v/b.mp4", task) { Width = 1280, Height = 720, FramesPerSecond = 24 } }));
    }

    public void Dispose() => _harness.Dispose();
}
