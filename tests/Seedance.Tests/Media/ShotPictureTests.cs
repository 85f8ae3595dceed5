using System;
using System.IO;
using System.Linq;
using Seedance.Emulator.Media;
using Seedance.Emulator.Media.Motion;
using Seedance.Emulator.Media.Pictures;
using Seedance.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Seedance.Tests.Media;

/// <summary>
/// What the emulated videos show, judged by ffmpeg's decoder when it is installed (CI installs it): the first frame
/// is the reference image, frames move as the camera word says, every frame is the one the emulator predicts (so the
/// last frame it serves is the real one), and each shot opens on its own image. Without ffmpeg these tests pass but
/// say in their output that nothing was decoded.
/// </summary>
public sealed class ShotPictureTests
{
    private const int Width = 640;
    private const int Height = 360;

    private readonly ITestOutputHelper _output;

    public ShotPictureTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Theory]
    [InlineData(".png")]
    [InlineData(".jpg")]
    public void When_ffmpeg_is_installed_the_first_frame_is_the_reference_image_scaled_to_fit(string format)
    {
        if (!Ffprobe.IsAvailable)
        {
            _output.WriteLine(Ffprobe.NotInstalledNotice);
            return;
        }

        using var png = new TempFile(".png");
        SampleImage.WritePng(png.Path, 320, 180, 3);
        using var image = new TempFile(format);
        if (format == ".png")
        {
            File.Copy(png.Path, image.Path, overwrite: true);
        }
        else
        {
            Ffprobe.ConvertImage(png.Path, image.Path);
        }

        var reference = RgbImage.Decode(File.ReadAllBytes(image.Path))!;
        using var video = Write(Spec(Shot(File.ReadAllBytes(image.Path), CameraMove.PanRight)));
        byte[] frame = Ffprobe.DecodedFrameYuv(video.Path, 0);

        // 16:9 into 16:9 fills the frame: compare 40x22 block averages of luma with the image's own.
        double difference = MeanBlockDifference(frame, reference);
        _output.WriteLine($"mean block luma difference {difference:F2}");
        Assert.True(difference < 3, $"frame 0 differs from the {format} image by {difference:F2} levels on average");
    }

    [Theory]
    [InlineData(CameraMove.PanLeft, +1, 0)]
    [InlineData(CameraMove.PanRight, -1, 0)]
    [InlineData(CameraMove.TiltUp, 0, +1)]
    [InlineData(CameraMove.TiltDown, 0, -1)]
    public void When_ffmpeg_is_installed_a_pan_or_tilt_slides_the_picture_the_way_the_camera_word_says(CameraMove move, int alongX, int alongY)
    {
        if (!Ffprobe.IsAvailable)
        {
            _output.WriteLine(Ffprobe.NotInstalledNotice);
            return;
        }

        using var video = Write(Spec(Shot(SquareImage(), move)));
        var (firstX, firstY, _) = BrightSquare(Ffprobe.DecodedFrameYuv(video.Path, 0));
        var (lastX, lastY, _) = BrightSquare(Ffprobe.DecodedFrameYuv(video.Path, 119));
        _output.WriteLine($"{move}: centre ({firstX:F1}, {firstY:F1}) -> ({lastX:F1}, {lastY:F1})");

        Assert.Equal(alongX, Math.Sign(Math.Round(lastX - firstX)));
        Assert.Equal(alongY, Math.Sign(Math.Round(lastY - firstY)));
        Assert.True(Math.Abs(lastX - firstX) + Math.Abs(lastY - firstY) > 20, "the picture barely moved");
    }

    [Theory]
    [InlineData(CameraMove.ZoomIn, +1)]
    [InlineData(CameraMove.ZoomOut, -1)]
    [InlineData(CameraMove.Still, 0)]
    public void When_ffmpeg_is_installed_a_zoom_grows_or_shrinks_the_picture_about_its_centre(CameraMove move, int growth)
    {
        if (!Ffprobe.IsAvailable)
        {
            _output.WriteLine(Ffprobe.NotInstalledNotice);
            return;
        }

        using var video = Write(Spec(Shot(SquareImage(), move)));
        var (_, _, firstArea) = BrightSquare(Ffprobe.DecodedFrameYuv(video.Path, 0));
        var (_, _, lastArea) = BrightSquare(Ffprobe.DecodedFrameYuv(video.Path, 119));
        _output.WriteLine($"{move}: area {firstArea} -> {lastArea}");

        Assert.Equal(growth, Math.Sign(lastArea - firstArea));
        if (move == CameraMove.Still)
        {
            Assert.Single(Ffprobe.VideoFrameHashes(video.Path).Distinct());
        }
    }

    [Fact]
    public void When_ffmpeg_is_installed_an_orbit_slides_the_top_and_the_bottom_of_the_picture_opposite_ways()
    {
        if (!Ffprobe.IsAvailable)
        {
            _output.WriteLine(Ffprobe.NotInstalledNotice);
            return;
        }

        using var video = Write(Spec(Shot(SquareImage(), CameraMove.OrbitRight)));
        byte[] first = Ffprobe.DecodedFrameYuv(video.Path, 0);
        byte[] last = Ffprobe.DecodedFrameYuv(video.Path, 119);

        // The square spans rows 90-270: its top edge moves right, its bottom edge left.
        Assert.True(RowCentre(last, 100) > RowCentre(first, 100) + 5, "the top did not slide right");
        Assert.True(RowCentre(last, 260) < RowCentre(first, 260) - 5, "the bottom did not slide left");
    }

    [Theory]
    [InlineData(CameraMove.ZoomIn, 0)]
    [InlineData(CameraMove.OrbitLeft, 0)]
    [InlineData(CameraMove.PanRight, 1)]
    [InlineData(CameraMove.ZoomOut, 0.5)]
    public void When_ffmpeg_is_installed_every_frame_decodes_to_exactly_the_picture_the_emulator_predicts(CameraMove move, double keyframeIntervalSeconds)
    {
        if (!Ffprobe.IsAvailable)
        {
            _output.WriteLine(Ffprobe.NotInstalledNotice);
            return;
        }

        var spec = Spec(Shot(SquareImage(), move));
        spec.KeyframeIntervalSeconds = keyframeIntervalSeconds;
        using var video = Write(spec);
        var prepared = SyntheticVideo.Prepare(spec);

        using var lastFrame = new MemoryStream();
        prepared.WriteLastFramePng(lastFrame);
        var served = RgbImage.Decode(lastFrame.ToArray())!;
        Assert.Equal((Width, Height), (served.Width, served.Height));

        // The PNG is the predicted picture converted to RGB; its luma must be the decoder's, sample for sample
        // (the conversion round trip costs at most a level or two).
        byte[] decoded = Ffprobe.DecodedFrameYuv(video.Path, 119);
        int worst = 0;
        for (int i = 0; i < Width * Height; i++)
        {
            int luma = LumaOf(served.Pixels[i * 3], served.Pixels[(i * 3) + 1], served.Pixels[(i * 3) + 2]);
            worst = Math.Max(worst, Math.Abs(luma - decoded[i]));
        }

        _output.WriteLine($"{move}: worst luma difference of the served last frame {worst}");
        Assert.True(worst <= 3, $"the served last frame differs from the decoded one by up to {worst} levels");
        Assert.Equal(string.Empty, Ffprobe.DecodeErrors(video.Path));
    }

    [Fact]
    public void When_ffmpeg_is_installed_each_shot_opens_on_its_own_image()
    {
        if (!Ffprobe.IsAvailable)
        {
            _output.WriteLine(Ffprobe.NotInstalledNotice);
            return;
        }

        var first = SampleImage.Draw(Width, Height, 1);
        var second = SampleImage.Draw(Width, Height, 2);
        using var video = Write(Spec(Shot(Png(first), CameraMove.ZoomIn), Shot(Png(second), CameraMove.PanLeft)));

        // Two shots over 120 frames: the second opens at frame 60.
        Assert.True(MeanBlockDifference(Ffprobe.DecodedFrameYuv(video.Path, 0), first) < 3);
        Assert.True(MeanBlockDifference(Ffprobe.DecodedFrameYuv(video.Path, 60), second) < 3);
        Assert.True(MeanBlockDifference(Ffprobe.DecodedFrameYuv(video.Path, 60), first) > 10);
        Assert.Equal(string.Empty, Ffprobe.DecodeErrors(video.Path));
    }

    [Fact]
    public void When_ffmpeg_is_installed_a_video_asked_to_be_smaller_than_it_is_comes_out_that_size_as_a_still_grey_mosaic_of_its_picture()
    {
        if (!Ffprobe.IsAvailable)
        {
            _output.WriteLine(Ffprobe.NotInstalledNotice);
            return;
        }

        var image = SampleImage.Draw(Width, Height, 1);
        var spec = Spec(Shot(Png(image), CameraMove.ZoomIn));
        spec.IncludeAudio = true;
        long natural = SyntheticVideo.ComputeLength(spec);
        const long Target = 100_000;
        spec.PadToBytes = Target;
        Assert.True(natural > Target, $"the full video is only {natural:N0} bytes");

        Assert.Equal(Target, SyntheticVideo.ComputeLength(spec));
        using var video = Write(spec);
        Assert.Equal(Target, new FileInfo(video.Path).Length);
        Assert.Equal(string.Empty, Ffprobe.DecodeErrors(video.Path));

        // The camera holds: the last frame is the first, and every 16x16 block is one level of luma, close to the
        // image's mean there, over grey chroma.
        byte[] first = Ffprobe.DecodedFrameYuv(video.Path, 0);
        byte[] last = Ffprobe.DecodedFrameYuv(video.Path, 119);
        Assert.Equal(first, last);
        for (int top = 0; top + 16 <= Height; top += 16)
        {
            for (int left = 0; left < Width; left += 16)
            {
                var block = Enumerable.Range(top, 16).SelectMany(y => Enumerable.Range(left, 16).Select(x => first[(y * Width) + x])).ToArray();
                Assert.True(block.Min() == block.Max(), $"the block at ({left},{top}) is not flat: {block.Min()}-{block.Max()}");
            }
        }

        double difference = MeanBlockDifference(first, image);
        _output.WriteLine($"natural {natural:N0} bytes; mosaic off the image by {difference:F2} levels a block on average");
        Assert.True(difference < 3, $"the mosaic differs from the image by {difference:F2} levels a block");
        Assert.All(first.Skip(Width * Height), chroma => Assert.Equal(128, chroma));

        // The last frame the emulator serves is the mosaic too.
        using var lastFrame = new MemoryStream();
        SyntheticVideo.Prepare(spec).WriteLastFramePng(lastFrame);
        var served = RgbImage.Decode(lastFrame.ToArray())!;
        int worst = Enumerable.Range(0, Width * Height).Max(i => Math.Abs(LumaOf(served.Pixels[i * 3], served.Pixels[(i * 3) + 1], served.Pixels[(i * 3) + 2]) - last[i]));
        Assert.True(worst <= 3, $"the served last frame differs from the decoded one by up to {worst} levels");
    }

    [Fact]
    public void A_card_shows_the_first_words_in_white_over_a_dimmed_pattern()
    {
        var card = TitleCard.Draw("lighthouse at dusk, slow zoom in", Width, Height, seed: 5);
        var other = TitleCard.Draw("a red fox in snow", Width, Height, seed: 5);

        int white = Enumerable.Range(0, Width * Height).Count(i => card.Pixels[i * 3] > 240 && card.Pixels[(i * 3) + 1] > 240 && card.Pixels[(i * 3) + 2] > 240);
        Assert.InRange(white, Width * Height / 50, Width * Height / 3);
        Assert.NotEqual(card.Pixels, other.Pixels);
    }

    [Fact]
    public void A_shot_without_a_readable_image_opens_on_its_card()
    {
        var spec = Spec(new VideoShot { Image = new byte[] { 1, 2, 3 }, Caption = "lighthouse at dusk", Camera = CameraMove.Still });
        using var lastFrame = new MemoryStream();
        SyntheticVideo.Prepare(spec).WriteLastFramePng(lastFrame);
        var frame = RgbImage.Decode(lastFrame.ToArray())!;
        var card = TitleCard.Draw("lighthouse at dusk", Width, Height, spec.Seed);

        // Through YCbCr 4:2:0 and back: close to the card, not the same bytes.
        double difference = Enumerable.Range(0, Width * Height).Average(i => Math.Abs(LumaOf(frame.Pixels[i * 3], frame.Pixels[(i * 3) + 1], frame.Pixels[(i * 3) + 2]) - LumaOf(card.Pixels[i * 3], card.Pixels[(i * 3) + 1], card.Pixels[(i * 3) + 2])));
        Assert.True(difference < 4, $"the frame differs from the card by {difference:F2} levels on average");
    }

    [Theory]
    [InlineData(1280, 720, 5, 10_000_000)]
    [InlineData(1920, 1080, 15, 20_000_000)]
    public void A_moving_clip_stays_small(int width, int height, int seconds, long limit)
    {
        var spec = new SyntheticVideoSpec { Width = width, Height = height, DurationSeconds = seconds, IncludeAudio = true };
        spec.Shots.Add(Shot(Png(SampleImage.Draw(640, 360, 1)), CameraMove.ZoomIn));

        long length = SyntheticVideo.ComputeLength(spec);
        _output.WriteLine($"{width}x{height} {seconds} s zooming: {length:N0} bytes");
        Assert.True(length < limit, $"{length:N0} bytes");
    }

    private static SyntheticVideoSpec Spec(params VideoShot[] shots)
    {
        var spec = new SyntheticVideoSpec { Width = Width, Height = Height, DurationSeconds = 5, Seed = 7 };
        foreach (var shot in shots)
        {
            spec.Shots.Add(shot);
        }

        return spec;
    }

    private static VideoShot Shot(byte[] image, CameraMove move) => new() { Image = image, Camera = move };

    private static TempFile Write(SyntheticVideoSpec spec)
    {
        var file = new TempFile(".mp4");
        SyntheticVideoCases.WriteFile(file.Path, spec);
        return file;
    }

    private static byte[] Png(RgbImage image)
    {
        using var png = new MemoryStream();
        PngFile.Write(png, image);
        return png.ToArray();
    }

    /// <summary>A white square (rows and columns 90-270 of 360) on black, in the middle of a 16:9 picture.</summary>
    private static byte[] SquareImage()
    {
        var image = new RgbImage(Width, Height);
        image.Fill(230, 90, 180, 180, 255, 255, 255);
        return Png(image);
    }

    /// <summary>The centre and area of the bright part of a decoded frame's luma.</summary>
    private static (double X, double Y, int Area) BrightSquare(byte[] yuv)
    {
        long sumX = 0, sumY = 0;
        int area = 0;
        for (int y = 0; y < Height; y++)
        {
            for (int x = 0; x < Width; x++)
            {
                if (yuv[(y * Width) + x] > 128)
                {
                    sumX += x;
                    sumY += y;
                    area++;
                }
            }
        }

        return (sumX / (double)area, sumY / (double)area, area);
    }

    private static double RowCentre(byte[] yuv, int row) =>
        Enumerable.Range(0, Width).Where(x => yuv[(row * Width) + x] > 128).Average();

    private static double MeanBlockDifference(byte[] yuv, RgbImage image)
    {
        const int Block = 16;
        double total = 0;
        int blocks = 0;
        for (int top = 0; top + Block <= Height; top += Block)
        {
            for (int left = 0; left + Block <= Width; left += Block)
            {
                double decoded = 0, expected = 0;
                for (int y = top; y < top + Block; y++)
                {
                    for (int x = left; x < left + Block; x++)
                    {
                        decoded += yuv[(y * Width) + x];

                        // The image's pixel under this frame pixel (both 16:9, so the fit is a plain scale).
                        int at = (((y * image.Height / Height) * image.Width) + (x * image.Width / Width)) * 3;
                        expected += LumaOf(image.Pixels[at], image.Pixels[at + 1], image.Pixels[at + 2]);
                    }
                }

                total += Math.Abs(decoded - expected) / (Block * Block);
                blocks++;
            }
        }

        return total / blocks;
    }

    /// <summary>BT.601 video-range luma, as the emulator codes pictures.</summary>
    private static int LumaOf(byte red, byte green, byte blue) =>
        (int)Math.Round(16 + (0.257 * red) + (0.504 * green) + (0.098 * blue));
}
