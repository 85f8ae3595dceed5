using Seedance.Providers;

namespace Seedance.Tests.Requests;

/// <summary>
/// -ReferenceVideo and -ReferenceAudio: sent in each provider's own fields where the model takes them, checked before
/// any request, and refused elsewhere naming the models that take them.
/// </summary>
public sealed class ReferenceMediaTests : IDisposable
{
    private const string Prompt = "the dancer from @Video1 moves to @Audio1";
    private const string Video = "https://media.example.com/clips/dance.mp4";
    private const string Audio = "https://media.example.com/clips/beat.mp3";
    private const string Image = "https://media.example.com/stills/dancer.png";

    private readonly EmulatorHarness _harness = new();

    public static TheoryData<string, string, string> Mappings()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (provider, golden) in new[] { (ArkProvider.Name, "ark"), (AimlApiProvider.Name, "aimlapi"), (ReplicateProvider.Name, "replicate"), (FalProvider.Name, "fal"), (WaveSpeedProvider.Name, "wavespeed") })
        {
            data.Add(provider, golden, "reference-video");
            data.Add(provider, golden, "reference-video-audio");
            // WaveSpeed takes reference media on its text-to-video page, which takes no image to go with audio.
            if (provider != WaveSpeedProvider.Name)
            {
                data.Add(provider, golden, "reference-audio");
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Mappings))]
    public async Task References_reach_the_provider_in_its_own_fields(string provider, string golden, string scenario)
    {
        var request = new VideoRequest { Prompt = Prompt };
        if (scenario != "reference-audio")
        {
            request.ReferenceVideos.Add(MediaInput.Parse(Video, "ReferenceVideo"));
        }

        if (scenario != "reference-video")
        {
            request.ReferenceAudios.Add(MediaInput.Parse(Audio, "ReferenceAudio"));
        }

        if (scenario == "reference-audio")
        {
            // Audio alone makes no video: it goes with an image.
            request.Images.Add(ImageInput.Parse(Image));
        }

        var connection = _harness.Connect(provider);
        var prepared = connection.Prepare(request);
        var task = await connection.SubmitAsync(prepared, CancellationToken.None);

        Golden.AssertMatches(golden, scenario, _harness.Server.Tasks.Peek(task.Id)!.Spec.RawBody);
    }

    [Fact]
    public async Task An_edit_of_a_reference_video_goes_to_Ark_with_an_adaptive_ratio_and_the_length_the_model_chooses()
    {
        // Ark wants exactly these two for an edit, and refuses explicit values.
        var request = new VideoRequest { Prompt = "replace the sky in @Video1 with a thunderstorm", AspectRatio = "adaptive", DurationSeconds = Seedance.Requests.PreparedRequest.AutoDurationValue };
        request.ReferenceVideos.Add(MediaInput.Parse(Video, "ReferenceVideo"));
        var connection = _harness.Connect(ArkProvider.Name);

        var task = await connection.SubmitAsync(connection.Prepare(request), CancellationToken.None);

        Golden.AssertMatches("ark", "reference-video-edit", _harness.Server.Tasks.Peek(task.Id)!.Spec.RawBody);
    }

    [Fact]
    public void A_reference_video_of_unknown_length_is_priced_as_the_longest_the_model_takes()
    {
        var request = new VideoRequest { Prompt = Prompt, Resolution = "720p" };
        request.ReferenceVideos.Add(MediaInput.Parse(Video, "ReferenceVideo"));
        request.ReferenceVideos.Add(MediaInput.Parse(Video + "?take=2", "ReferenceVideo"));

        var prepared = _harness.Connect(ArkProvider.Name).Prepare(request);

        Assert.Equal(15, prepared.ReferenceVideoSeconds);
        Assert.Equal(Pricing.CostEstimator.Estimate(prepared.Model, prepared.DurationSeconds, "720p", 15), prepared.EstimatedCost);
        Assert.NotEqual(Pricing.CostEstimator.Estimate(prepared.Model, prepared.DurationSeconds, "720p"), prepared.EstimatedCost);
        Assert.Contains("with 2 reference video(s) and 0 audio (priced as 15 s of input video", prepared.Summary);
    }

    [Fact]
    public void Ark_takes_an_asset_id_where_it_takes_a_url()
    {
        var request = new VideoRequest { Prompt = Prompt };
        request.ReferenceVideos.Add(MediaInput.Parse("asset://asset-20261203-dance", "ReferenceVideo"));

        var prepared = _harness.Connect(ArkProvider.Name).Prepare(request);

        Assert.Equal(new[] { "asset://asset-20261203-dance" }, prepared.ReferenceVideos.Select(clip => clip.WireValue));
    }

    [Theory]
    [InlineData(WaveSpeedProvider.Name)]
    [InlineData(AtlasCloudProvider.Name)]
    public void A_model_without_reference_media_refuses_it_naming_those_that_take_it(string provider)
    {
        var request = new VideoRequest { Prompt = Prompt };
        request.ReferenceVideos.Add(MediaInput.Parse(Video, "ReferenceVideo"));
        request.Images.Add(ImageInput.Parse(Image));

        var error = _harness.AssertRefusedBeforeAnyRequest(provider, request, ErrorIds.ReferenceMediaNotSupported, "ReferenceVideo");

        Assert.Contains($"-ReferenceVideo is not offered by {provider} model", error.Message);
        Assert.Contains("Models that take reference videos and audio: WaveSpeed (bytedance/seedance-2.0-fast/text-to-video), AIMLAPI (bytedance/seedance-2-0-fast, bytedance/seedance-2-0)", error.Message);
        Assert.Contains("Ark (dreamina-seedance-2-0-fast-260128", error.Message);
        Assert.Contains("fal (bytedance/seedance-2.0/fast/reference-to-video", error.Message);
        Assert.Contains("WaveSpeed (bytedance/seedance-2.0-fast/text-to-video)", error.Message);
        Assert.DoesNotContain("seedance-1-5-pro", error.Message);
    }

    [Theory]
    [InlineData(FalProvider.Name, "bytedance/seedance-2.0/fast/reference-to-video")]
    [InlineData(WaveSpeedProvider.Name, "bytedance/seedance-2.0-fast/text-to-video")]
    public void A_request_with_reference_clips_is_given_the_default_family_model_that_takes_them(string provider, string model)
    {
        var request = new VideoRequest { Prompt = Prompt };
        request.ReferenceVideos.Add(MediaInput.Parse(Video, "ReferenceVideo"));

        Assert.Equal(model, _harness.Connect(provider).Prepare(request).Model.Id);
    }

    [Fact]
    public void More_than_three_reference_videos_are_refused()
    {
        var request = new VideoRequest { Prompt = Prompt };
        for (var take = 1; take <= 4; take++)
        {
            request.ReferenceVideos.Add(MediaInput.Parse($"{Video}?take={take}", "ReferenceVideo"));
        }

        var error = _harness.AssertRefusedBeforeAnyRequest(ArkProvider.Name, request, ErrorIds.TooManyReferenceVideos, "ReferenceVideo");

        Assert.Contains("-ReferenceVideo has 4 reference videos; Ark model dreamina-seedance-2-0-fast-260128 takes at most 3", error.Message);
    }

    [Fact]
    public void Audio_without_an_image_or_video_is_refused_locally()
    {
        var request = new VideoRequest { Prompt = Prompt };
        request.ReferenceAudios.Add(MediaInput.Parse(Audio, "ReferenceAudio"));

        var error = _harness.AssertRefusedBeforeAnyRequest(ReplicateProvider.Name, request, ErrorIds.ReferenceAudioWithoutVisual, "ReferenceAudio");

        Assert.Contains("-ReferenceAudio needs an image or a video too", error.Message);
    }

    [Fact]
    public void A_local_clip_is_refused_saying_to_pass_a_url()
    {
        var path = Path.Combine(_harness.Folder.Path, "dance.mp4");
        var request = new VideoRequest { Prompt = Prompt };
        request.ReferenceVideos.Add(MediaInput.Parse(path, "ReferenceVideo"));

        var error = _harness.AssertRefusedBeforeAnyRequest(ArkProvider.Name, request, ErrorIds.ReferenceMediaFileNotSent, "ReferenceVideo");

        Assert.Contains($"-ReferenceVideo '{path}' is a file on this machine; Ark takes reference video only as an https URL or an asset:// id, not as a file's bytes, and has no upload endpoint", error.Message);
    }

    [Theory]
    [InlineData("ftp://media.example.com/dance.mp4", ErrorIds.ReferenceMediaUrlNotSupported)]
    [InlineData("asset://asset-1", ErrorIds.ReferenceMediaUrlNotSupported)]
    [InlineData("http://media.example.com/dance.mp4", ErrorIds.ReferenceMediaUrlNotSupported)]
    public void Only_https_urls_are_sent_where_the_provider_keeps_no_assets(string url, string errorId)
    {
        var request = new VideoRequest { Prompt = Prompt };
        request.ReferenceVideos.Add(MediaInput.Parse(url, "ReferenceVideo"));

        _harness.AssertRefusedBeforeAnyRequest(ReplicateProvider.Name, request, errorId, "ReferenceVideo");
    }

    [Fact]
    public void A_last_frame_cannot_go_with_reference_clips()
    {
        var request = new VideoRequest { Prompt = Prompt, LastImage = ImageInput.Parse(Image + "?last") };
        request.Images.Add(ImageInput.Parse(Image));
        request.ReferenceVideos.Add(MediaInput.Parse(Video, "ReferenceVideo"));

        var error = _harness.AssertRefusedBeforeAnyRequest(ArkProvider.Name, request, ErrorIds.LastImageWithReferences, "LastImage");

        Assert.Contains("-LastImage cannot be combined with -ReferenceVideo or -ReferenceAudio", error.Message);
    }

    public void Dispose() => _harness.Dispose();
}
