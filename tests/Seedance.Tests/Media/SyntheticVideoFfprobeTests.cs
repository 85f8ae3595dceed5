using Seedance.Emulator.Media;
using Xunit.Abstractions;

namespace Seedance.Tests.Media;

/// <summary>
/// The same files as SyntheticVideoInspectorTests, judged by ffprobe and ffmpeg when they are installed. Without
/// them these tests pass but say in their output that nothing was checked; the inspector tests always run.
/// </summary>
public sealed class SyntheticVideoFfprobeTests
{
    private readonly ITestOutputHelper _output;

    public SyntheticVideoFfprobeTests(ITestOutputHelper output)
    {
        _output = output;
    }

    public static TheoryData<string> Cases => SyntheticVideoCases.Names;

    [Theory]
    [MemberData(nameof(Cases))]
    public void When_ffprobe_is_installed_it_reports_the_requested_h264_stream_and_ffmpeg_decodes_it_cleanly(string name)
    {
        if (!Ffprobe.IsAvailable)
        {
            _output.WriteLine(Ffprobe.NotInstalledNotice);
            return;
        }

        SyntheticVideoSpec spec = SyntheticVideoCases.Spec(name);
        using var file = new TempFile(".mp4");
        SyntheticVideoCases.WriteFile(file.Path, spec);

        FfprobeReport report = Ffprobe.Probe(file.Path);
        _output.WriteLine(report.Json);

        FfprobeStream video = Assert.Single(report.Streams, stream => stream.CodecType == "video");
        Assert.Equal("h264", video.CodecName);
        Assert.Equal(spec.Width, video.Width);
        Assert.Equal(spec.Height, video.Height);
        Assert.Equal("24/1", video.RFrameRate);
        Assert.Equal("24/1", video.AvgFrameRate);
        Assert.Equal("24/1", Ffprobe.ElementaryStreamFrameRate(file.Path));
        Assert.Equal((long)(spec.DurationSeconds * 24), video.ReadFrames);
        Assert.Equal(spec.DurationSeconds, video.DurationSeconds, precision: 6);
        Assert.Equal(spec.DurationSeconds, report.FormatDurationSeconds, precision: 6);

        FfprobeStream? audio = report.Streams.SingleOrDefault(stream => stream.CodecType == "audio");
        Assert.Equal(spec.IncludeAudio, audio is not null);
        if (audio is not null)
        {
            Assert.Equal("aac", audio.CodecName);
            Assert.Equal(48_000, audio.SampleRate);
            Assert.Equal(1, audio.Channels);
            Assert.Equal(spec.DurationSeconds, audio.DurationSeconds, precision: 6);
        }

        Assert.Equal(string.Empty, Ffprobe.DecodeErrors(file.Path));
    }

    [Theory]
    [InlineData(Seedance.Emulator.Media.Motion.CameraMove.Still, 1)]
    [InlineData(Seedance.Emulator.Media.Motion.CameraMove.PanLeft, 72)]
    public void When_ffmpeg_is_installed_a_still_shot_holds_across_key_frames_and_a_moving_one_changes_every_frame(Seedance.Emulator.Media.Motion.CameraMove move, int distinctFrames)
    {
        if (!Ffprobe.IsAvailable)
        {
            _output.WriteLine(Ffprobe.NotInstalledNotice);
            return;
        }

        // 640 wide, a pan moves 96 pixels over 72 frames: more than a whole pixel every frame.
        var spec = new SyntheticVideoSpec { Width = 640, Height = 360, DurationSeconds = 3, KeyframeIntervalSeconds = 1, Seed = 11 };
        spec.Shots.Add(new VideoShot { Camera = move });
        using var file = new TempFile(".mp4");
        SyntheticVideoCases.WriteFile(file.Path, spec);

        var hashes = Ffprobe.VideoFrameHashes(file.Path);

        Assert.Equal(72, hashes.Count);
        Assert.Equal(distinctFrames, hashes.Distinct().Count());
        Assert.Equal(string.Empty, Ffprobe.DecodeErrors(file.Path));
    }

    [Theory]
    [InlineData(false, Mp4Surgery.MdatHeader.Compact, false)]
    [InlineData(false, Mp4Surgery.MdatHeader.LargeSize, true)]
    [InlineData(true, Mp4Surgery.MdatHeader.ToEndOfFile, true)]
    public void When_ffmpeg_is_installed_it_decodes_the_rearranged_files_the_inspector_tests_use(bool moovFirst, Mp4Surgery.MdatHeader mdatHeader, bool use64BitOffsets)
    {
        if (!Ffprobe.IsAvailable)
        {
            _output.WriteLine(Ffprobe.NotInstalledNotice);
            return;
        }

        byte[] original = SyntheticVideoCases.WriteBytes(new SyntheticVideoSpec { Width = 320, Height = 240, DurationSeconds = 2, IncludeAudio = true });
        using var file = new TempFile(".mp4");
        System.IO.File.WriteAllBytes(file.Path, Mp4Surgery.Rearrange(original, moovFirst, mdatHeader, use64BitOffsets));

        Assert.Equal(string.Empty, Ffprobe.DecodeErrors(file.Path));
        Assert.Equal(48, Ffprobe.Probe(file.Path).Streams.Single(stream => stream.CodecType == "video").ReadFrames);
    }
}
