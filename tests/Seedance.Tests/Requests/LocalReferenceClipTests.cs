using System.Text.Json.Nodes;
using Seedance.Emulator.Media;
using Seedance.Providers;

namespace Seedance.Tests.Requests;

/// <summary>
/// Local reference clips: checked by their content before anything is sent, uploaded where the provider has an
/// upload endpoint, inline where it takes base64 (Ark's audio), and refused where it takes neither.
/// </summary>
public sealed class LocalReferenceClipTests : IDisposable
{
    private const string Prompt = "the dancer from @Video1 moves to @Audio1";

    private readonly EmulatorHarness _harness = new();

    private string Video(string name = "dance.mp4", double seconds = 3, int width = 864, int height = 496, int framesPerSecond = 24)
    {
        var path = _harness.Folder.File(name);
        using var file = File.Create(path);
        SyntheticVideo.WriteMp4(file, new SyntheticVideoSpec { Width = width, Height = height, DurationSeconds = seconds, FramesPerSecond = framesPerSecond });
        return path;
    }

    private string Audio(string name = "beat.mp3", double seconds = 4)
    {
        var path = _harness.Folder.File(name);
        if (name.EndsWith(".wav", StringComparison.Ordinal))
        {
            SampleAudio.WriteWav(path, seconds);
        }
        else
        {
            SampleAudio.WriteMp3(path, seconds);
        }

        return path;
    }

    private static VideoRequest Request(string? video = null, string? audio = null)
    {
        var request = new VideoRequest { Prompt = Prompt };
        if (video is not null)
        {
            request.ReferenceVideos.Add(MediaInput.Parse(video, "ReferenceVideo"));
        }

        if (audio is not null)
        {
            request.ReferenceAudios.Add(MediaInput.Parse(audio, "ReferenceAudio"));
        }

        return request;
    }

    [Theory]
    [InlineData(FalProvider.Name, "video_urls", "audio_urls")]
    [InlineData(ReplicateProvider.Name, "reference_videos", "reference_audios")]
    [InlineData(WaveSpeedProvider.Name, "reference_videos", "reference_audios")]
    public async Task A_local_clip_is_uploaded_and_sent_as_its_upload_url(string provider, string videoField, string audioField)
    {
        var connection = _harness.Connect(provider);
        var prepared = connection.Prepare(Request(Video(), Audio()));
        var task = await connection.SubmitAsync(prepared, CancellationToken.None);

        var body = JsonNode.Parse(_harness.Server.Tasks.Peek(task.Id)!.Spec.RawBody)!.AsObject();
        var input = body["input"]?.AsObject() ?? body;
        var video = input[videoField]!.AsArray().Single()!.GetValue<string>();
        var audio = input[audioField]!.AsArray().Single()!.GetValue<string>();
        // Each provider's own upload URL, served by the emulator, one per clip.
        Assert.True(new Uri(video).IsLoopback && new Uri(audio).IsLoopback, $"{video} {audio}");
        Assert.NotEqual(video, audio);
        Assert.Equal(2, _harness.Server.Uploads.Count);
    }

    [Fact]
    public async Task Ark_takes_local_audio_inline_as_base64()
    {
        var request = Request(audio: Audio("beat.wav", 3));
        request.Images.Add(ImageInput.Parse("https://media.example.com/stills/dancer.png"));
        var connection = _harness.Connect(ArkProvider.Name);
        var task = await connection.SubmitAsync(connection.Prepare(request), CancellationToken.None);

        var content = JsonNode.Parse(_harness.Server.Tasks.Peek(task.Id)!.Spec.RawBody)!["content"]!.AsArray();
        var audio = content.Single(item => item!["type"]!.GetValue<string>() == "audio_url")!;
        Assert.StartsWith("data:audio/wav;base64,UklGR", audio["audio_url"]!["url"]!.GetValue<string>());
        Assert.Equal(0, _harness.Server.Uploads.Count);
    }

    [Fact]
    public void A_local_video_is_priced_by_its_own_length()
    {
        var prepared = _harness.Connect(FalProvider.Name).Prepare(Request(Video(seconds: 4)));

        Assert.Equal(4, prepared.ReferenceVideoSeconds!.Value, 2);
        Assert.Contains("with 1 reference video(s) and 0 audio (4 s of input video)", prepared.Summary);
    }

    [Fact]
    public void A_local_video_goes_nowhere_that_takes_only_urls()
    {
        var path = Video();

        var error = _harness.AssertRefusedBeforeAnyRequest(AimlApiProvider.Name, Request(path), ErrorIds.ReferenceMediaFileNotSent, "ReferenceVideo");

        Assert.Equal($"-ReferenceVideo '{path}' is a file on this machine; AIMLAPI takes reference video only as an https URL, not as a file's bytes, and has no upload endpoint. Host the clip and pass its https URL.", error.Message);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var path = _harness.Folder.File("absent.mp4");

        var error = _harness.AssertRefusedBeforeAnyRequest(FalProvider.Name, Request(path), ErrorIds.ReferenceMediaFileNotFound, "ReferenceVideo");

        Assert.Contains($"-ReferenceVideo '{path}' does not exist", error.Message);
    }

    [Fact]
    public void Audio_given_as_a_video_is_refused_saying_where_it_belongs()
    {
        var path = Audio("dance.mp4");

        var error = _harness.AssertRefusedBeforeAnyRequest(FalProvider.Name, Request(path), ErrorIds.ReferenceMediaNotVideo, "ReferenceVideo");

        Assert.StartsWith($"-ReferenceVideo '{path}' is not an MP4 or MOV video: not an MP4: first box is not 'ftyp'.", error.Message);
        Assert.EndsWith("It is MP3 audio: give it to -ReferenceAudio.", error.Message);
    }

    [Fact]
    public void Bytes_that_are_not_audio_are_refused()
    {
        var path = _harness.Folder.File("beat.mp3");
        File.WriteAllText(path, "<html>not found</html>");
        var request = Request(Video(), path);

        var error = _harness.AssertRefusedBeforeAnyRequest(ReplicateProvider.Name, request, ErrorIds.ReferenceMediaNotAudio, "ReferenceAudio");

        Assert.StartsWith($"-ReferenceAudio '{path}' is not MP3 or WAV audio: it is neither a RIFF/WAVE file nor MP3 audio", error.Message);
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(16)]
    public void A_clip_outside_two_to_fifteen_seconds_is_refused(double seconds)
    {
        var path = Audio("beat.wav", seconds);
        var request = Request(Video(), path);

        var error = _harness.AssertRefusedBeforeAnyRequest(FalProvider.Name, request, ErrorIds.ReferenceClipLengthOutOfRange, "ReferenceAudio");

        Assert.Contains($"lasts {seconds:0.#} s; fal model bytedance/seedance-2.0/fast/reference-to-video takes reference clips of 2 to 15 s", error.Message);
    }

    [Fact]
    public void Clips_longer_than_fifteen_seconds_together_are_refused()
    {
        var request = Request(Video("one.mp4", 8));
        request.ReferenceVideos.Add(MediaInput.Parse(Video("two.mp4", 8), "ReferenceVideo"));

        var error = _harness.AssertRefusedBeforeAnyRequest(ReplicateProvider.Name, request, ErrorIds.ReferenceClipsTooLong, "ReferenceVideo");

        Assert.Contains("-ReferenceVideo clips last 16 s together; Replicate model bytedance/seedance-2.0-fast takes 15 s of reference video in all", error.Message);
    }

    [Fact]
    public void A_video_too_small_for_the_model_is_refused()
    {
        var path = Video(width: 320, height: 240);

        var error = _harness.AssertRefusedBeforeAnyRequest(FalProvider.Name, Request(path), ErrorIds.ReferenceVideoSizeOutOfRange, "ReferenceVideo");

        Assert.Contains("is 320x240 (76,800 pixels a frame)", error.Message);
    }

    [Fact]
    public void A_video_at_a_frame_rate_the_model_does_not_take_is_refused()
    {
        var path = Video(framesPerSecond: 15);

        var error = _harness.AssertRefusedBeforeAnyRequest(FalProvider.Name, Request(path), ErrorIds.ReferenceVideoFrameRateOutOfRange, "ReferenceVideo");

        Assert.Contains("runs at 15 frames a second", error.Message);
    }

    public void Dispose() => _harness.Dispose();
}
