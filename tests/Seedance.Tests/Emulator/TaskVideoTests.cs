using System;
using System.Text;
using Seedance.Emulator.Files;
using Seedance.Emulator.Media;
using Seedance.Emulator.Media.Motion;
using Seedance.Emulator.Tasks;
using Xunit;

namespace Seedance.Tests.Emulator;

/// <summary>How the emulator reads a request into the video it renders: camera words, frame sizes, shots.</summary>
public sealed class TaskVideoTests
{
    [Theory]
    [InlineData("slow orbital pan, soft studio light", CameraMove.OrbitRight)]
    [InlineData("orbit left around the bottle", CameraMove.OrbitLeft)]
    [InlineData("Slow zoom out over the bay", CameraMove.ZoomOut)]
    [InlineData("zoom in on the label", CameraMove.ZoomIn)]
    [InlineData("dolly left past the shelves", CameraMove.PanLeft)]
    [InlineData("a gentle push-in", CameraMove.ZoomIn)]
    [InlineData("the camera pans right to the door", CameraMove.PanRight)]
    [InlineData("pan left", CameraMove.PanLeft)]
    [InlineData("tilt up to the sky", CameraMove.TiltUp)]
    [InlineData("zoom in, camera fixed", CameraMove.Still)]
    [InlineData("a cat --cf true", CameraMove.Still)]
    [InlineData("soft studio light", CameraMove.Still)]
    [InlineData("panorama of a company", CameraMove.Still)]
    public void Camera_words_name_the_move(string prompt, CameraMove expected)
    {
        Assert.Equal(expected, CameraWords.Read(prompt));
    }

    [Fact]
    public void The_request_s_camera_lock_wins_over_its_words()
    {
        Assert.Equal(CameraMove.Still, CameraWords.Read("slow zoom in", cameraFixed: true));
    }

    [Theory]
    [InlineData("dreamina-seedance-2-0-fast-260128", "720p", "16:9", 1280, 720)]
    [InlineData("dreamina-seedance-2-0-fast-260128", "720p", "4:3", 1112, 834)]
    [InlineData("dreamina-seedance-2-0-fast-260128", "720p", "3:4", 834, 1112)]
    [InlineData("bytedance/seedance-2-0-fast", "480p", "16:9", 864, 496)]
    [InlineData("bytedance/seedance-2.0-fast", "480p", "1:1", 640, 640)]
    [InlineData("bytedance/seedance-2.0/image-to-video", "1080p", "16:9", 1920, 1080)]
    [InlineData("seedance-1-0-pro-250528", "1080p", "16:9", 1920, 1088)]
    [InlineData("bytedance/seedance-1-lite", "720p", "21:9", 1504, 640)]
    [InlineData("bytedance/seedance-1-0-lite-i2v", "480p", "4:3", 736, 544)]
    public void Frame_sizes_are_the_ones_ByteDance_documents(string model, string resolution, string ratio, int width, int height)
    {
        Assert.Equal((width, height), VideoDimensions.For(model, resolution, ratio, null));
    }

    [Theory]
    [InlineData(1600, 1200, 1112, 834)] // 4:3
    [InlineData(1080, 1920, 720, 1280)] // 9:16
    [InlineData(500, 490, 960, 960)] // nearly square
    [InlineData(2400, 1000, 1470, 630)] // 21:9
    public void An_adaptive_ratio_follows_the_first_image(int imageWidth, int imageHeight, int width, int height)
    {
        Assert.Equal((width, height), VideoDimensions.For("dreamina-seedance-2-0-fast-260128", "720p", null, (imageWidth, imageHeight)));
    }

    [Fact]
    public void Without_an_image_an_adaptive_ratio_is_16_by_9()
    {
        Assert.Equal((1280, 720), VideoDimensions.For("bytedance/seedance-2.0-fast", "720p", "adaptive", null));
    }

    [Fact]
    public void Each_reference_image_opens_a_shot_and_the_prompt_moves_them_all()
    {
        var request = new EmulatedTaskSpec { Model = "bytedance/seedance-2.0-fast", Prompt = "slow zoom out #latency=50", DurationSeconds = 10, Audio = false };
        request.Images.Add("https://images.example.com/one.png");
        request.Images.Add(DataUri(new byte[] { 9, 8, 7 }));

        var spec = TaskVideo.SpecFor(request, seed: 3, _ => null);

        Assert.Equal(2, spec.Shots.Count);
        Assert.Null(spec.Shots[0].Image); // a URL the emulator cannot fetch: a card
        Assert.Equal(new byte[] { 9, 8, 7 }, spec.Shots[1].Image);
        Assert.All(spec.Shots, shot => Assert.Equal(CameraMove.ZoomOut, shot.Camera));
        Assert.All(spec.Shots, shot => Assert.Equal("slow zoom out", shot.Caption));
        Assert.Equal((24, 10.0, false), (spec.FramesPerSecond, spec.DurationSeconds, spec.IncludeAudio));
    }

    [Fact]
    public void Each_shot_line_opens_a_shot_with_its_own_camera_and_words()
    {
        var request = new EmulatedTaskSpec { Prompt = "a lighthouse, slow pan left\nShot 1: zoom in on the lamp\nShot 2: the bay at dusk", AspectRatio = "16:9" };
        request.Images.Add("https://uploads.example.com/lighthouse.png");
        var stored = Encoding.ASCII.GetBytes("not really a png");

        var spec = TaskVideo.SpecFor(request, seed: 3, url => url.Contains("uploads") ? stored : null);

        Assert.Equal(2, spec.Shots.Count);
        Assert.Equal(CameraMove.ZoomIn, spec.Shots[0].Camera);
        Assert.Equal(CameraMove.PanLeft, spec.Shots[1].Camera); // no word of its own: the prompt's
        Assert.Equal("the bay at dusk", spec.Shots[1].Caption);
        Assert.Same(stored, spec.Shots[1].Image); // one image for two shots: both open on it
    }

    [Fact]
    public void A_request_with_its_camera_locked_holds_every_shot()
    {
        var request = new EmulatedTaskSpec { Prompt = "slow zoom in\nShot 1: pan left\nShot 2: orbit", CameraFixed = true };

        Assert.All(TaskVideo.SpecFor(request, 1, _ => null).Shots, shot => Assert.Equal(CameraMove.Still, shot.Camera));
    }

    [Fact]
    public void Data_uris_are_read_and_other_addresses_asked_of_the_store()
    {
        Assert.Equal(new byte[] { 1, 2 }, TaskVideo.ReadImage(DataUri(new byte[] { 1, 2 }), _ => throw new InvalidOperationException()));
        Assert.Null(TaskVideo.ReadImage("data:image/png;base64,@@@", _ => null));
        Assert.Equal(new byte[] { 5 }, TaskVideo.ReadImage("http://127.0.0.1/uploads/x/a.png", _ => new byte[] { 5 }));
    }

    private static string DataUri(byte[] bytes) => "data:image/png;base64," + Convert.ToBase64String(bytes);
}
