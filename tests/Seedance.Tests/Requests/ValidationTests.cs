namespace Seedance.Tests.Requests;

/// <summary>
/// Every local check refuses bad input with a specific error id, naming the parameter, before anything is
/// sent: the emulator must see no request at all.
/// </summary>
public sealed class ValidationTests : IDisposable
{
    private readonly EmulatorHarness _harness = new();

    public static TheoryData<string, string, Action<VideoRequest>> Cases => new()
    {
        { "DurationNotSupported", "Duration", request => request.DurationSeconds = 7 },
        { "ResolutionNotSupported", "Resolution", request => request.Resolution = "1080p" },
        { "AspectRatioNotSupported", "AspectRatio", request => request.AspectRatio = "16:9" },
        { "ParameterNotSupported", "CameraFixed", request => request.CameraFixed = true },
        { "ParameterNotSupported", "Seed", request => request.Seed = 42 },
        { "ParameterNotSupported", "LastImage", request => { request.Model = "seedance-2-0-fast"; request.LastImage = ImageInput.FromUri(new Uri("https://example.com/end.png")); } },
        { "PromptRequired", "Prompt", request => request.Prompt = "   " },
        { "PromptTooLong", "Prompt", request => request.Prompt = new string('a', 7000) },
        { "TooManyShots", "Shot", request => { request.Shots.Add("a"); request.Shots.Add("b"); request.Shots.Add("c"); request.Shots.Add("d"); } },
        { "ShotEmpty", "Shot", request => request.Shots.Add(" ") },
        { "TooManyImages", "Image", request => { for (var i = 0; i < 4; i++) { request.Images.Add(ImageInput.FromUri(new Uri($"https://example.com/{i}.png"))); } } },
        { "ModelNotKnown", "Model", request => request.Model = "bytedance/seedance-9" },
        { "WebhookUrlInsecure", "WebhookUrl", request => request.WebhookUrl = new Uri("http://hooks.example.com/done") },
        { "WebhookUrlHasCredentials", "WebhookUrl", request => request.WebhookUrl = new Uri("https://user:secret@hooks.example.com/done") },
        { "WebhookUrlHasCredentials", "WebhookUrl", request => request.WebhookUrl = new Uri("http://user:secret@hooks.example.com/done") },
        { "PromptInvisible", "Prompt", request => request.Prompt = "\u200B\u200B" },
        { "PromptInvisible", "Prompt", request => request.Prompt = "\u0001\u0007\u200D\uFEFF " },
        { "PromptInvisible", "Prompt", request => { request.Prompt = "\u2060"; request.Shots.Add("close-up of bread"); } },
        { "ShotEmpty", "Shot", request => request.Shots.Add("\u200B\u200C") },
        { "SeedOutOfRange", "Seed", request => { request.Model = "bytedance/seedance-2.0-fast/image-to-video-spicy"; request.Seed = 4294967296; } },
        { "SeedOutOfRange", "Seed", request => { request.Model = "bytedance/seedance-2.0-fast/image-to-video-spicy"; request.Seed = -2; } },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Bad_input_is_refused_before_any_request(string errorId, string parameter, Action<VideoRequest> spoil)
    {
        var request = Support.Requests.FromUrl();
        spoil(request);

        _harness.AssertRefusedBeforeAnyRequest("WaveSpeed", request, errorId, parameter);
    }

    [Fact]
    public void Credentials_in_a_webhook_url_are_never_repeated_in_the_refusal()
    {
        var request = Support.Requests.FromUrl();
        request.WebhookUrl = new Uri("http://user:secret@hooks.example.com/done");

        var error = Assert.Throws<SeedanceException>(() => _harness.Connect().Prepare(request));

        Assert.DoesNotContain("secret", error.Message);
        Assert.Contains("'http://hooks.example.com'", error.Message);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(4294967295)]
    public async Task Seeds_at_the_ends_of_the_range_are_sent_and_taken(long seed)
    {
        var connection = _harness.Connect("Ark");
        var request = Support.Requests.FromUrl();
        request.Seed = seed;

        var task = await connection.SubmitAsync(connection.Prepare(request), CancellationToken.None);

        Assert.Contains($"\"seed\":{seed}", _harness.Server.Tasks.Peek(task.Id)!.Spec.RawBody);
    }

    [Fact]
    public void Unsupported_duration_names_what_is_allowed()
    {
        var request = Support.Requests.FromUrl();
        request.DurationSeconds = 7;

        var error = Assert.Throws<SeedanceException>(() => _harness.Connect().Prepare(request));

        Assert.Contains("Allowed: 5, 10, 15", error.Message);
    }

    [Fact]
    public void No_image_on_an_image_model_names_the_models_that_take_text_only()
    {
        var request = new VideoRequest { Prompt = "a cat", Model = "seedance-2-0-fast" };

        var error = Assert.Throws<SeedanceException>(() => _harness.Connect().Prepare(request));

        Assert.Equal("TooFewImages", error.ErrorId);
        Assert.Contains("takes 1 to 4 images", error.Message);
        Assert.Contains("bytedance/seedance-2.0-fast/text-to-video", error.Message);
    }

    [Fact]
    public void A_missing_image_file_is_refused_with_its_full_path()
    {
        var missing = Path.Combine(_harness.Folder.Path, "nope.png");

        var error = Assert.Throws<SeedanceException>(() => _harness.Connect().Prepare(Support.Requests.ImageToVideo(missing)));

        Assert.Equal("ImageNotFound", error.ErrorId);
        Assert.Contains(missing, error.Message);
        Assert.Equal(0, _harness.ApiRequests());
    }

    [Fact]
    public void A_valid_request_gets_defaults_a_summary_and_a_cost()
    {
        var prepared = _harness.Connect().Prepare(Support.Requests.ImageToVideo(_harness.NewImage(), duration: null));

        Assert.Equal(5, prepared.DurationSeconds);
        Assert.Equal("720p", prepared.EffectiveResolution);
        Assert.Equal(0.80m, prepared.EstimatedCost);
        Assert.StartsWith("data:image/png;base64,", prepared.Images.Single().WireValue);
        Assert.Equal("5 s 720p video from 1 image on WaveSpeed (bytedance/seedance-2.0-fast/image-to-video), est. $0.80", prepared.Summary);
    }

    [Fact]
    public void Shots_are_composed_into_one_prompt()
    {
        var request = Support.Requests.FromUrl(prompt: "storyboard of a bakery");
        request.Shots.Add("wide shot of the street");
        request.Shots.Add("close-up of bread");

        var prepared = _harness.Connect().Prepare(request);

        Assert.Equal("storyboard of a bakery\nShot 1: wide shot of the street\nShot 2: close-up of bread", prepared.Prompt);
    }

    [Fact]
    public void The_brief_model_id_is_accepted_as_an_alias()
    {
        var request = Support.Requests.FromUrl();
        request.Model = "seedance-2-0-fast";

        Assert.Equal("bytedance/seedance-2.0-fast/image-to-video", _harness.Connect().Prepare(request).Model.Id);
    }

    public void Dispose() => _harness.Dispose();
}
