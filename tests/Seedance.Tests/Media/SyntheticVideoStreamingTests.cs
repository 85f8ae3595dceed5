using Seedance.Emulator.Media;

namespace Seedance.Tests.Media;

/// <summary>The writer streams: forward-only output, and memory that does not grow with the file.</summary>
public sealed class SyntheticVideoStreamingTests
{
    [Fact]
    public void A_300_MB_padded_video_streams_to_a_forward_only_sink_in_a_few_MB()
    {
        const long Target = 300L * 1024 * 1024;
        var spec = new SyntheticVideoSpec { Width = 1280, Height = 720, DurationSeconds = 5, IncludeAudio = true, KeyframeIntervalSeconds = 1, PadToBytes = Target };
        var sink = new CountingStream();

        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        SyntheticVideo.WriteMp4(sink, spec);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        Assert.Equal(Target, sink.BytesWritten);
        Assert.Equal(Target, SyntheticVideo.ComputeLength(spec));

        // Everything the writer allocated, not just what stayed alive: about one picture (1.4 MB at 720p), whatever the file's length.
        Assert.True(allocated < 4L * 1024 * 1024, $"allocated {allocated:N0} bytes to write {Target:N0}");
    }

    [Fact]
    public void ComputeLength_matches_what_is_written_for_awkward_specs()
    {
        var specs = new[]
        {
            new SyntheticVideoSpec { Width = 2, Height = 2, DurationSeconds = 0.05 },
            new SyntheticVideoSpec { Width = 176, Height = 144, DurationSeconds = 3.3, IncludeAudio = true, KeyframeIntervalSeconds = 0.5 },
            new SyntheticVideoSpec { Width = 320, Height = 240, DurationSeconds = 1, KeyframeIntervalSeconds = 0.01 }, // every frame a key frame
            new SyntheticVideoSpec { Width = 480, Height = 270, FramesPerSecond = 30, DurationSeconds = 2, IncludeAudio = true },
        };

        foreach (SyntheticVideoSpec spec in specs)
        {
            var sink = new CountingStream();
            SyntheticVideo.WriteMp4(sink, spec);
            Assert.Equal(SyntheticVideo.ComputeLength(spec), sink.BytesWritten);
        }
    }

    [Fact]
    public void The_same_spec_gives_the_same_bytes_and_another_seed_another_picture()
    {
        var spec = new SyntheticVideoSpec { Width = 320, Height = 240, DurationSeconds = 1, Seed = 1 };
        byte[] first = SyntheticVideoCases.WriteBytes(spec);
        byte[] again = SyntheticVideoCases.WriteBytes(spec);
        spec.Seed = 2;
        byte[] reseeded = SyntheticVideoCases.WriteBytes(spec);

        Assert.Equal(first, again);
        Assert.Equal(first.Length, reseeded.Length);
        Assert.NotEqual(first, reseeded);
    }

    [Theory]
    [InlineData(853, 480)]
    [InlineData(1280, 719)]
    [InlineData(0, 720)]
    public void Sizes_that_4_2_0_video_cannot_signal_are_refused(int width, int height)
    {
        var spec = new SyntheticVideoSpec { Width = width, Height = height };

        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticVideo.ComputeLength(spec));
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticVideo.WriteMp4(Stream.Null, spec));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Durations_without_a_frame_or_beyond_the_format_are_refused(double seconds)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticVideo.ComputeLength(new SyntheticVideoSpec { DurationSeconds = seconds }));
    }
}
