using System.Net;
using System.Text.Json;
using Seedance.Http;
using Seedance.Media;
using Seedance.Providers;

namespace Seedance.Tests.Providers;

/// <summary>The AI/ML API wire mapping, checked against what arrives at its emulator twin over real HTTP.</summary>
public sealed class AimlApiProviderTests : IDisposable
{
    private const string Provider = AimlApiProvider.Name;
    private const string Shot = "https://images.example.com/shot.jpg";

    private readonly EmulatorHarness _harness = new();

    public static TheoryData<string, Func<VideoRequest>> GoldenScenarios => new()
    {
        { "text-to-video", () => new VideoRequest { Prompt = "A dragon rises above the tallest mountain and rushes toward the camera" } },
        { "image-to-video", () => WithModel(null, request => { request.DurationSeconds = 5; request.Resolution = "480"; request.AspectRatio = "9:16"; request.GenerateAudio = false; request.Seed = 42; }) },
        { "first-last-frame", () => FirstAndLast() },
        { "reference-images", () => References() },
        { "seedance-2-0", () => WithModel("bytedance/seedance-2-0", request => { request.Resolution = "4K"; request.AspectRatio = "21:9"; request.Watermark = true; }) },
        { "seedance-1-5-pro", () => WithModel("seedance-1-5-pro", request => { request.DurationSeconds = 12; request.Resolution = "1080p"; request.AspectRatio = "adaptive"; request.GenerateAudio = true; request.Seed = -1; request.CameraFixed = true; request.Watermark = false; }) },
        { "seedance-1-0-lite-i2v", () => WithModel("bytedance/seedance-1-0-lite-i2v", request => { request.DurationSeconds = 10; request.Resolution = "720p"; request.CameraFixed = true; }) },
        { "provider-routing", () => WithModel(null, request => request.ExtraFields["provider"] = "bytedance") },
    };

    [Theory]
    [MemberData(nameof(GoldenScenarios))]
    public async Task Submit_bodies_match_the_golden_files(string scenario, Func<VideoRequest> build)
    {
        var connection = _harness.Connect(Provider);

        var task = await connection.SubmitAsync(connection.Prepare(build()), CancellationToken.None);

        Golden.AssertMatches("aimlapi", scenario, _harness.Server.Tasks.Peek(task.Id)!.Spec.RawBody);
    }

    [Fact]
    public async Task A_local_image_travels_inline_as_the_first_frame()
    {
        var connection = _harness.Connect(Provider);

        var task = await connection.SubmitAsync(connection.Prepare(Support.Requests.ImageToVideo(_harness.NewImage())), CancellationToken.None);

        using var body = JsonDocument.Parse(_harness.Server.Tasks.Peek(task.Id)!.Spec.RawBody);
        Assert.StartsWith("data:image/png;base64,iVBORw0KGgo", body.RootElement.GetProperty("image_url").GetString());
        Assert.False(body.RootElement.TryGetProperty("image_urls", out _));
        Assert.Equal(1, _harness.Server.Tasks.Peek(task.Id)!.Spec.ImageCount);
    }

    [Fact]
    public async Task A_submitted_task_is_queued_with_the_charge_the_provider_reported()
    {
        var connection = _harness.Connect(Provider);

        var task = await connection.SubmitAsync(connection.Prepare(Support.Requests.ImageToVideo(_harness.NewImage(name: "cat.png"), duration: null)), CancellationToken.None);

        Assert.Equal(TaskState.Queued, task.Lifecycle);
        Assert.Equal(21, task.Id.Length);
        Assert.Equal("bytedance/seedance-2-0-fast", task.Model);
        Assert.Equal(8, task.DurationSeconds);
        Assert.Equal(2.52m, task.EstimatedCost);
        Assert.Equal(2.515968m, task.ReportedCost);
        Assert.Equal("cat.png", task.SourceImage);
    }

    [Fact]
    public async Task A_generation_routed_to_ByteDance_has_an_Ark_task_id()
    {
        var connection = _harness.Connect(Provider);
        var request = Support.Requests.FromUrl();
        request.ExtraFields["provider"] = "ByteDance";

        var task = await connection.SubmitAsync(connection.Prepare(request), CancellationToken.None);

        Assert.Matches("^cgt-[0-9]{14}-[a-z0-9]{5}$", task.Id);
    }

    [Fact]
    public async Task A_generation_runs_from_submit_to_a_valid_downloaded_video()
    {
        using var harness = new EmulatorHarness(options => options.Latency = TimeSpan.FromMilliseconds(100));
        var connection = harness.Connect(Provider);
        var request = Support.Requests.ImageToVideo(harness.NewImage());
        request.Resolution = "480p";

        var task = await connection.SubmitAsync(connection.Prepare(request), CancellationToken.None);
        var finished = await connection.WaitAsync(task, TimeSpan.FromSeconds(20), CancellationToken.None);
        var file = await connection.SaveAsync(finished, Path.Combine(harness.Folder.Path, "video.mp4"), overwrite: false, null, CancellationToken.None);

        Assert.Equal(TaskState.Succeeded, finished.Lifecycle);
        Assert.NotNull(finished.CompletedAt);
        Assert.Equal(0.731203m, finished.ReportedCost); // 864x496 (Seedance 2.x at 480p 16:9), 5 s, 24 fps, by the twin's token price
        var info = Mp4Inspector.Inspect(file.Path);
        Assert.True(info.IsValid, string.Join("; ", info.Problems));
        Assert.Equal(5.0, info.DurationSeconds, 2);
        Assert.Equal((864, 496), (file.Width, file.Height));
        Assert.True(file.HasAudio);
    }

    [Fact]
    public void A_completed_generation_without_a_video_is_a_failure_with_a_reason()
    {
        using var generation = JsonDocument.Parse("{\"id\":\"x\",\"status\":\"completed\",\"video\":null}");

        var task = AimlApiProvider.ReadGeneration(generation.RootElement, new VideoTask("x", Provider, "m"));

        Assert.Contains("gave no video", task.Error);
    }

    [Fact]
    public void A_status_answer_without_usage_keeps_the_charge_reported_at_submit()
    {
        using var generation = JsonDocument.Parse("{\"id\":\"x\",\"status\":\"generating\"}");

        var task = AimlApiProvider.ReadGeneration(generation.RootElement, new VideoTask("x", Provider, "m") { ReportedCost = 2.515968m });

        Assert.Equal(2.515968m, task.ReportedCost);
    }

    [Theory]
    [InlineData(400, "Body validation error!\nInvalid enum value. Expected '480p' | '720p', received '1080p'", SeedanceErrorCategory.Validation)]
    [InlineData(400, "The request failed because the input image may contain sensitive content", SeedanceErrorCategory.ContentPolicy)]
    [InlineData(401, "This request requires a valid API key. You can create a new API key on the Billing page: https://aimlapi.com/app/keys", SeedanceErrorCategory.Authentication)]
    [InlineData(403, "You've run out of credits. Please top up your balance or update your payment method to continue: https://aimlapi.com/app/billing/", SeedanceErrorCategory.InsufficientBalance)]
    [InlineData(403, "Forbidden", SeedanceErrorCategory.Authentication)]
    [InlineData(404, "Cannot GET /v2/video/generation", SeedanceErrorCategory.NotFound)]
    [InlineData(429, "Too Many Requests", SeedanceErrorCategory.RateLimited)]
    [InlineData(429, "Free-tier limit: You've reached your free limit for the hour. Get AI/ML Subscription to use API, visit https://aimlapi.com/app/billing/ !", SeedanceErrorCategory.InsufficientBalance)]
    [InlineData(500, "The model is under maintenance, please contact us at help@aimlapi.com.", SeedanceErrorCategory.Server)]
    [InlineData(503, "Service unavailable", SeedanceErrorCategory.Server)]
    [InlineData(504, "Generation timeout", SeedanceErrorCategory.Timeout)]
    public void Documented_error_bodies_map_to_categories(int status, string message, SeedanceErrorCategory expected)
    {
        var body = JsonSerializer.Serialize(new { message, path = "/v2/video/generations", requestId = "798b860e-98c2-4e8e-8c50-550bcfc2eccc", statusCode = status.ToString(), timestamp = "2025-03-11T07:13:27.813Z" });

        var failure = new AimlApiProvider().DescribeFailure(new ApiResponse((HttpStatusCode)status, body, null));

        Assert.Equal(expected, failure.Category);
        Assert.Contains("798b860e-98c2-4e8e-8c50-550bcfc2eccc", failure.Message);
        Assert.DoesNotContain("\n", failure.Message);
    }

    [Fact]
    public void A_body_that_is_not_json_falls_back_to_the_status()
    {
        var failure = new AimlApiProvider().DescribeFailure(new ApiResponse(HttpStatusCode.BadGateway, "<html>Bad Gateway</html>", null));

        Assert.Equal(SeedanceErrorCategory.Server, failure.Category);
        Assert.Equal("BadGateway", failure.Message);
    }

    /// <summary>
    /// Exhausted credit, and the free tier's hourly limit (a 429 that is final, not retried): insufficient balance
    /// in AI/ML API's words (the conformance suite runs them).
    /// </summary>
    public static TheoryData<SubmitRefusal> SubmitRefusals => new()
    {
        new SubmitRefusal(403, "{\"message\":\"You've run out of credits. Please top up your balance or update your payment method to continue: https://aimlapi.com/app/billing/\",\"path\":\"/v2/video/generations\",\"requestId\":\"4a1c\",\"statusCode\":403,\"timestamp\":\"2026-08-21T10:00:00.000Z\"}", SeedanceErrorCategory.InsufficientBalance,
            "top up your balance"),
        new SubmitRefusal(429, "{\"message\":\"Free-tier limit: You've reached your free limit for the hour. Get AI/ML Subscription to use API, visit https://aimlapi.com/app/billing/ !\",\"path\":\"/v2/video/generations\",\"requestId\":\"798b\",\"statusCode\":\"429\",\"timestamp\":\"2025-03-11T07:13:27.813Z\"}", SeedanceErrorCategory.InsufficientBalance,
            "wait for the next hour", "FreeTierLimit"),
    };

    [Fact]
    public async Task More_generations_than_the_concurrency_limit_are_refused_with_429_and_end_rate_limited()
    {
        using var harness = new EmulatorHarness(options => { options.ConcurrencyLimit = 1; options.Latency = TimeSpan.FromSeconds(30); });
        var connection = harness.Connect(Provider, configure: options => options.ThrottleLimit = 0);
        await connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl()), CancellationToken.None);

        var error = await Assert.ThrowsAsync<SeedanceException>(() => connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl()), CancellationToken.None));

        Assert.Equal(SeedanceErrorCategory.RateLimited, error.Category);
        Assert.Equal(429, error.StatusCode);
        Assert.Equal(1, harness.Submits(Provider));
        Assert.Equal(2 + EmulatorHarness.FastHttp().MaxRetries, harness.Server.Options.Faults.CallsTo("submit"));
    }

    [Fact]
    public async Task A_body_the_provider_rejects_is_a_validation_error_with_its_detail()
    {
        var connection = _harness.Connect(Provider);
        var request = Support.Requests.FromUrl();
        request.ExtraFields["provider"] = "sora";

        var error = await Assert.ThrowsAsync<SeedanceException>(() => connection.SubmitAsync(connection.Prepare(request), CancellationToken.None));

        Assert.Equal(SeedanceErrorCategory.Validation, error.Category);
        Assert.Equal(400, error.StatusCode);
        Assert.Contains("Body validation error! Invalid enum value.", error.Message);
        Assert.Contains("received 'sora' at \"provider\"", error.Message);
        Assert.Equal(0, _harness.Submits(Provider));
    }

    [Fact]
    public async Task Reference_images_with_a_last_frame_are_refused_before_any_request()
    {
        var connection = _harness.Connect(Provider);
        var request = References();
        request.LastImage = ImageInput.FromUri(new Uri("https://images.example.com/end.jpg"));

        var error = await Assert.ThrowsAsync<SeedanceException>(() => connection.SubmitAsync(connection.Prepare(request), CancellationToken.None));

        Assert.Equal("LastImageWithReferences", error.ErrorId);
        Assert.Equal("LastImage", error.ParameterName);
        Assert.Equal(0, _harness.ApiRequests(Provider));
    }

    /// <summary>What the models do not offer: the model (null: the default), the error id and parameter the request is refused with before any request, and how the request is spoilt (the conformance suite runs them).</summary>
    public static TheoryData<string?, string, string, Action<VideoRequest>> Refused => new()
    {
        { null, "DurationNotSupported", "Duration", request => request.DurationSeconds = 3 },
        { null, "DurationNotSupported", "Duration", request => request.DurationSeconds = 16 },
        { null, "ResolutionNotSupported", "Resolution", request => request.Resolution = "1080p" },
        { null, "AspectRatioNotSupported", "AspectRatio", request => request.AspectRatio = "adaptive" },
        { null, "ParameterNotSupported", "Watermark", request => request.Watermark = true },
        { null, "ParameterNotSupported", "CameraFixed", request => request.CameraFixed = false },
        { null, "ParameterNotSupported", "WebhookUrl", request => request.WebhookUrl = new Uri("https://hooks.example.com/done") },
        { null, "TooManyImages", "Image", request => AddImages(request, 9) },
        { "bytedance/seedance-2-0", "ResolutionNotSupported", "Resolution", request => request.Resolution = "2k" },
        { "bytedance/seedance-2-0", "ParameterNotSupported", "CameraFixed", request => request.CameraFixed = true },
        { "bytedance/seedance-1-5-pro", "ResolutionNotSupported", "Resolution", request => request.Resolution = "4k" },
        { "bytedance/seedance-1-5-pro", "DurationNotSupported", "Duration", request => request.DurationSeconds = 13 },
        { "bytedance/seedance-1-5-pro", "TooManyImages", "Image", request => AddImages(request, 1) },
        { "bytedance/seedance-1-0-pro-fast", "DurationNotSupported", "Duration", request => request.DurationSeconds = 8 },
        { "bytedance/seedance-1-0-pro-fast", "ParameterNotSupported", "GenerateAudio", request => request.GenerateAudio = true },
        { "bytedance/seedance-1-0-pro-i2v", "TooFewImages", "Image", request => request.Images.Clear() },
        { "bytedance/seedance-1-0-pro-i2v", "AspectRatioNotSupported", "AspectRatio", request => request.AspectRatio = "16:9" },
        { "bytedance/seedance-1-0-lite-i2v", "ParameterNotSupported", "LastImage", request => request.LastImage = ImageInput.FromUri(new Uri("https://images.example.com/end.jpg")) },
        { "bytedance/seedance-1-0-lite-t2v", "TooManyImages", "Image", request => { } },
        { "bytedance/seedance-1-0-lite-t2v", "AspectRatioNotSupported", "AspectRatio", request => { request.Images.Clear(); request.AspectRatio = "2:1"; } },
    };

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(9)]
    public void Seedance_2_0_Fast_is_chosen_for_text_one_image_or_up_to_nine_references(int images)
    {
        var request = new VideoRequest { Prompt = "a cat" };
        AddImages(request, images);

        Assert.Equal("bytedance/seedance-2-0-fast", _harness.Connect(Provider).Prepare(request).Model.Id);
    }

    [Theory]
    [InlineData("AIML")]
    [InlineData("aimlapi.com")]
    public void The_provider_answers_to_its_aliases(string alias) =>
        Assert.Equal(Provider, ProviderCatalog.Get(alias).Info.Name);

    private static VideoRequest WithModel(string? model, Action<VideoRequest> configure)
    {
        var request = Support.Requests.FromUrl(Shot, "slow orbital pan, soft studio light");
        request.Model = model;
        configure(request);
        return request;
    }

    private static void AddImages(VideoRequest request, int count)
    {
        for (var i = 0; i < count; i++)
        {
            request.Images.Add(ImageInput.FromUri(new Uri($"https://images.example.com/extra-{i}.jpg")));
        }
    }

    private static VideoRequest FirstAndLast()
    {
        var request = Support.Requests.FromUrl("https://images.example.com/bud.jpg", "the flower opens");
        request.LastImage = ImageInput.FromUri(new Uri("https://images.example.com/bloom.jpg"));
        request.DurationSeconds = 10;
        return request;
    }

    private static VideoRequest References()
    {
        var request = new VideoRequest { Prompt = "@Image1 walks into the bakery of @Image2 and buys @Image3", DurationSeconds = 12 };
        foreach (var name in new[] { "baker", "bakery", "bread" })
        {
            request.Images.Add(ImageInput.FromUri(new Uri($"https://images.example.com/{name}.jpg")));
        }

        request.Shots.Add("wide shot of the street");
        request.Shots.Add("close-up of the bread");
        return request;
    }

    public void Dispose() => _harness.Dispose();
}
