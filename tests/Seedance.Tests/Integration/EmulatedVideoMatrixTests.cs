using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Seedance.Media;
using Seedance.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Seedance.Tests.Integration;

/// <summary>
/// Every provider's twin renders what was asked, end to end through the module: the frame size ByteDance documents
/// for the resolution and ratio (adaptive follows the image), 24 fps, the duration, and an audio track exactly when
/// audio was asked for. The engine's MP4 reader always judges; ffprobe and ffmpeg too when installed (CI installs
/// them), and the test says so in its output when they are not.
/// </summary>
public sealed class EmulatedVideoMatrixTests : IDisposable
{
    private readonly EmulatorHarness _harness = new(options => options.Latency = TimeSpan.FromMilliseconds(50));
    private readonly ITestOutputHelper _output;

    public EmulatedVideoMatrixTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Theory]
    [InlineData("WaveSpeed", null, null, 320, 180, 5, true, 1280, 720)]
    [InlineData("WaveSpeed", null, null, 300, 400, 10, true, 834, 1112)]
    [InlineData("AIMLAPI", "480p", "9:16", 320, 180, 4, false, 496, 864)]
    [InlineData("AIMLAPI", "720p", "21:9", 320, 180, 6, true, 1470, 630)]
    [InlineData("Ark", "720p", "4:3", 400, 300, 5, true, 1112, 834)]
    [InlineData("Ark", "480p", null, 400, 400, 4, false, 640, 640)]
    [InlineData("fal", "720p", "1:1", 320, 180, 5, false, 960, 960)]
    [InlineData("fal", "480p", "16:9", 320, 180, 4, true, 864, 496)]
    [InlineData("Replicate", "720p", "3:4", 320, 180, 5, true, 834, 1112)]
    [InlineData("Replicate", "480p", null, 640, 360, 4, false, 864, 496)]
    [InlineData("AtlasCloud", "720p", null, 320, 180, 5, true, 1280, 720)]
    [InlineData("AtlasCloud", "480p", null, 360, 640, 4, false, 496, 864)]
    public async Task The_video_has_the_documented_size_fps_duration_and_tracks(
        string provider, string? resolution, string? ratio, int imageWidth, int imageHeight, int seconds, bool audio, int width, int height)
    {
        var connection = _harness.Connect(provider);
        var request = Support.Requests.ImageToVideo(_harness.NewImage(2, width: imageWidth, height: imageHeight), "slow zoom in", seconds);
        request.Resolution = resolution;
        request.AspectRatio = ratio;
        request.GenerateAudio = audio ? null : false; // on by default; WaveSpeed's Fast image-to-video has no switch

        var task = await connection.SubmitAsync(connection.Prepare(request), CancellationToken.None);
        var finished = await connection.WaitAsync(task, TimeSpan.FromSeconds(30), CancellationToken.None);
        var file = await connection.SaveAsync(finished, _harness.Folder.File($"{provider}-{width}x{height}.mp4"), overwrite: false, null, CancellationToken.None);

        var info = Mp4Inspector.Inspect(file.Path);
        Assert.True(info.IsValid, string.Join("; ", info.Problems));
        var video = Assert.Single(info.Tracks, track => track.HandlerType == "vide");
        Assert.Equal((width, height), (video.Width, video.Height));
        Assert.Equal(seconds * 24, video.SampleCount);
        Assert.Equal(seconds, info.DurationSeconds, 2);
        Assert.Equal(audio, info.Tracks.Any(track => track.HandlerType == "soun"));

        if (!Ffprobe.IsAvailable)
        {
            _output.WriteLine(Ffprobe.NotInstalledNotice);
            return;
        }

        var report = Ffprobe.Probe(file.Path);
        var probed = Assert.Single(report.Streams, stream => stream.CodecType == "video");
        Assert.Equal(("h264", width, height, "24/1"), (probed.CodecName, probed.Width, probed.Height, probed.AvgFrameRate));
        Assert.Equal(seconds * 24, probed.ReadFrames);
        Assert.Equal(seconds, report.FormatDurationSeconds, 3);
        var sound = report.Streams.SingleOrDefault(stream => stream.CodecType == "audio");
        Assert.Equal(audio, sound is not null);
        if (sound is not null)
        {
            Assert.Equal("aac", sound.CodecName);
            Assert.Equal(seconds, sound.DurationSeconds, 3);

            // A quiet tone, not silence (digital silence measures -91 dB).
            Assert.InRange(Ffprobe.MeanVolume(file.Path), -60, -20);
        }

        Assert.Equal(string.Empty, Ffprobe.DecodeErrors(file.Path));
    }

    public void Dispose() => _harness.Dispose();
}
