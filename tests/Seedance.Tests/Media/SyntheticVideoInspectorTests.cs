using Seedance.Emulator.Media;
using Seedance.Media;

namespace Seedance.Tests.Media;

/// <summary>
/// Writer-to-inspector round trips that run everywhere: the engine's own structure check must accept every file
/// the emulator serves and read back exactly what was asked for. SyntheticVideoFfprobeTests judges the same files
/// with an independent decoder where one is installed.
/// </summary>
public sealed class SyntheticVideoInspectorTests
{
    public static TheoryData<string> Cases => SyntheticVideoCases.Names;

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_inspector_accepts_the_file_and_reads_back_the_requested_video(string name)
    {
        SyntheticVideoSpec spec = SyntheticVideoCases.Spec(name);
        using var file = new TempFile(".mp4");
        SyntheticVideoCases.WriteFile(file.Path, spec);

        Mp4Info info = Mp4Inspector.Inspect(file.Path);

        Assert.True(info.IsValid, string.Join("; ", info.Problems));
        Assert.Equal(SyntheticVideo.ComputeLength(spec), new FileInfo(file.Path).Length);
        Assert.Equal(new FileInfo(file.Path).Length, info.FileLength);
        Assert.Equal(spec.DurationSeconds, info.DurationSeconds, precision: 9);
        Assert.Equal(spec.IncludeAudio ? 2 : 1, info.Tracks.Count);

        Mp4Track video = Assert.Single(info.Tracks, track => track.HandlerType == "vide");
        Assert.Equal("avc1", video.CodecFourCc);
        Assert.Equal(spec.Width, video.Width);
        Assert.Equal(spec.Height, video.Height);
        Assert.Equal((long)(spec.DurationSeconds * 24), video.SampleCount);
        Assert.Equal(spec.DurationSeconds, video.DurationSeconds, precision: 9);
        Assert.Equal(24, video.FramesPerSecond, precision: 9);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void An_audio_track_is_aac_and_covers_the_video_within_one_frame(string name)
    {
        SyntheticVideoSpec spec = SyntheticVideoCases.Spec(name);
        Mp4Info info = Mp4Inspector.Inspect(new MemoryStream(SyntheticVideoCases.WriteBytes(spec)));

        Mp4Track? audio = info.Tracks.SingleOrDefault(track => track.HandlerType == "soun");
        Assert.Equal(spec.IncludeAudio, audio is not null);
        if (audio is not null)
        {
            Assert.Equal("mp4a", audio.CodecFourCc);
            Assert.Equal(0, audio.FramesPerSecond);
            Assert.InRange(audio.DurationSeconds, spec.DurationSeconds, spec.DurationSeconds + (1024.0 / 48_000));
        }
    }

    [Fact]
    public void A_padded_file_has_exactly_the_requested_length()
    {
        var spec = new SyntheticVideoSpec { Width = 320, Height = 240, DurationSeconds = 1, IncludeAudio = true };
        long natural = SyntheticVideo.ComputeLength(spec);

        // Under 8 bytes of shortfall no box fits, so the padding goes inside 'mdat'; from 8 on it is a 'free' box.
        foreach (long extra in new long[] { 1, 7, 8, 9, 100_000 })
        {
            spec.PadToBytes = natural + extra;
            byte[] bytes = SyntheticVideoCases.WriteBytes(spec);

            Assert.Equal(natural + extra, bytes.LongLength);
            Assert.Equal(natural + extra, SyntheticVideo.ComputeLength(spec));
            Mp4Info info = Mp4Inspector.Inspect(new MemoryStream(bytes));
            Assert.True(info.IsValid, $"+{extra}: " + string.Join("; ", info.Problems));
        }
    }

    [Fact]
    public void A_length_below_the_natural_one_makes_the_video_compact_and_then_exactly_that_long()
    {
        var spec = new SyntheticVideoSpec { Width = 320, Height = 240, DurationSeconds = 1, IncludeAudio = true };
        long natural = SyntheticVideo.ComputeLength(spec);
        spec.PadToBytes = natural - 1;
        byte[] bytes = SyntheticVideoCases.WriteBytes(spec);

        Assert.Equal(natural - 1, bytes.LongLength);
        Mp4Info info = Mp4Inspector.Inspect(new MemoryStream(bytes));
        Assert.True(info.IsValid, string.Join("; ", info.Problems));
        Mp4Track video = Assert.Single(info.Tracks, track => track.HandlerType == "vide");
        Assert.Equal((320, 240), (video.Width, video.Height));
    }

    [Fact]
    public void A_length_below_even_the_compact_one_leaves_the_video_compact_and_unpadded()
    {
        var spec = new SyntheticVideoSpec { Width = 320, Height = 240, DurationSeconds = 1, PadToBytes = 1 };
        long compact = SyntheticVideo.ComputeLength(spec);
        byte[] bytes = SyntheticVideoCases.WriteBytes(spec);

        Assert.Equal(compact, bytes.LongLength);
        Assert.InRange(compact, 100, 5_000);
        Assert.True(Mp4Inspector.Inspect(new MemoryStream(bytes)).IsValid);
    }
}
