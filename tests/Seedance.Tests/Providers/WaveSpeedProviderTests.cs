using System.Net;
using System.Text.Json;
using Seedance.Emulator.Faults;
using Seedance.Http;
using Seedance.Media;
using Seedance.Providers;

namespace Seedance.Tests.Providers;

/// <summary>The WaveSpeed wire mapping, checked against what arrives at its emulator twin over real HTTP.</summary>
public sealed class WaveSpeedProviderTests : IDisposable
{
    private const string TextToVideo = "bytedance/seedance-2.0-fast/text-to-video";
    private const string Turbo = "bytedance/seedance-2.0-fast/image-to-video-turbo";
    private const string Spicy = "bytedance/seedance-2.0-fast/image-to-video-spicy";
    private const string StandardImageToVideo = "bytedance/seedance-2.0/image-to-video";

    private readonly EmulatorHarness _harness = new();

    [Fact]
    public async Task The_submit_body_matches_the_golden_file()
    {
        var connection = _harness.Connect();
        var request = new VideoRequest { Prompt = "storyboard of a bakery", DurationSeconds = 10 };
        request.Images.Add(ImageInput.FromUri(new Uri("https://images.example.com/panel-1.jpg")));
        request.Images.Add(ImageInput.FromUri(new Uri("https://images.example.com/panel-2.jpg")));
        request.Shots.Add("wide shot of the street");
        request.Shots.Add("close-up of bread");

        var arrived = await SubmitAndPeekAsync(connection, request);

        Golden.AssertMatches("wavespeed", "image-to-video", arrived.Spec.RawBody);
        Assert.Equal("bytedance/seedance-2.0-fast/image-to-video", arrived.Spec.Model);
    }

    [Fact]
    public async Task Without_images_the_text_to_video_model_gets_prompt_duration_and_ratio()
    {
        var connection = _harness.Connect();
        var request = new VideoRequest { Prompt = "a lighthouse in a storm, slow push in", DurationSeconds = 10, AspectRatio = "9:16" };

        var arrived = await SubmitAndPeekAsync(connection, request);

        Assert.Equal(TextToVideo, arrived.Spec.Model);
        Golden.AssertMatches("wavespeed", "text-to-video", arrived.Spec.RawBody);
    }

    [Fact]
    public async Task A_first_and_last_frame_go_to_the_turbo_model_as_image_and_last_image()
    {
        var connection = _harness.Connect();
        var request = Support.Requests.FromUrl("https://images.example.com/first.jpg", "the door opens onto a garden");
        request.LastImage = ImageInput.FromUri(new Uri("https://images.example.com/last.jpg"));
        request.DurationSeconds = 8;
        request.Resolution = "1080p";
        request.AspectRatio = "16:9";

        var arrived = await SubmitAndPeekAsync(connection, request);

        Assert.Equal(Turbo, arrived.Spec.Model);
        Golden.AssertMatches("wavespeed", "first-last-frame", arrived.Spec.RawBody);
    }

    [Fact]
    public async Task The_spicy_model_takes_audio_and_seed_and_no_prompt()
    {
        var connection = _harness.Connect();
        var request = new VideoRequest { Model = Spicy, DurationSeconds = 6, Resolution = "480", GenerateAudio = false, Seed = 42 };
        request.Images.Add(ImageInput.FromUri(new Uri("https://images.example.com/dancer.jpg")));

        var arrived = await SubmitAndPeekAsync(connection, request);

        Golden.AssertMatches("wavespeed", "spicy-audio-seed", arrived.Spec.RawBody);
    }

    [Fact]
    public async Task The_standard_tier_uses_the_brief_shape_at_its_own_price()
    {
        var connection = _harness.Connect();
        var request = Support.Requests.FromUrl("https://images.example.com/panel-1.jpg");
        request.Model = StandardImageToVideo;
        request.DurationSeconds = 15;

        var prepared = connection.Prepare(request);
        var task = await connection.SubmitAsync(prepared, CancellationToken.None);

        Assert.Equal(3.60m, prepared.EstimatedCost);
        Golden.AssertMatches("wavespeed", "standard-tier", _harness.Server.Tasks.Peek(task.Id)!.Spec.RawBody);
    }

    [Fact]
    public async Task Local_images_are_uploaded_first_and_the_submit_names_their_download_urls()
    {
        var connection = _harness.Connect();
        var first = _harness.NewImage(1, "front.png");
        var request = Support.Requests.ImageToVideo(first);
        request.Images.Add(ImageInput.FromFile(_harness.NewImage(2, "side.png")));
        request.WebhookUrl = new Uri("https://hooks.example.com/seedance?token=abc");

        var arrived = await SubmitAndPeekAsync(connection, request);

        var calls = _harness.Server.Requests.Select(call => call.Method + " " + call.Path.Split('/')[1] + (call.Path.Contains("/media/") ? " media" : string.Empty)).ToList();
        Assert.Equal(new[] { "POST wavespeed media", "PUT uploads", "POST wavespeed media", "PUT uploads", "POST wavespeed" }, calls);
        using var body = JsonDocument.Parse(arrived.Spec.RawBody);
        var urls = body.RootElement.GetProperty("images").EnumerateArray().Select(url => url.GetString()!).ToList();
        Assert.Equal(2, urls.Count);
        Assert.All(urls, url => Assert.True(_harness.Server.Uploads.Holds(url), url));
        Assert.EndsWith("/front.png", urls[0]);
        using var client = new HttpClient();
        Assert.Equal(File.ReadAllBytes(first), await client.GetByteArrayAsync(urls[0]));
        Assert.Equal("https://hooks.example.com/seedance?token=abc", arrived.Spec.WebhookUrl);
    }

    [Fact]
    public async Task An_upload_WaveSpeed_refuses_stops_before_anything_is_submitted()
    {
        using var harness = new EmulatorHarness(options => options.Faults.Add(new FaultRule
        {
            Endpoint = "upload", Action = FaultAction.Status, StatusCode = 413,
            Body = "{\"code\":413,\"message\":\"file too large: image files may be at most 20 MB\",\"data\":null}",
        }));
        var connection = harness.Connect();

        var error = await Assert.ThrowsAsync<SeedanceException>(() => connection.SubmitAsync(connection.Prepare(Support.Requests.ImageToVideo(harness.NewImage())), CancellationToken.None));

        Assert.Equal(SeedanceErrorCategory.Validation, error.Category);
        Assert.Contains("at most 20 MB", error.Message);
        Assert.Equal(0, harness.Submits());
    }

    [Fact]
    public async Task A_submitted_task_carries_what_was_asked_and_what_it_costs()
    {
        var connection = _harness.Connect();

        var task = await connection.SubmitAsync(connection.Prepare(Support.Requests.ImageToVideo(_harness.NewImage(name: "cat.png"), duration: 10)), CancellationToken.None);

        Assert.Equal(32, task.Id.Length);
        Assert.Equal(TaskState.Queued, task.Lifecycle);
        Assert.Equal("WaveSpeed", task.Provider);
        Assert.Equal(connection.Name, task.Connection);
        Assert.Equal(1.60m, task.EstimatedCost);
        Assert.Equal(10, task.DurationSeconds);
        Assert.Equal("cat.png", task.SourceImage);
        Assert.Equal(task.Id, task.ToString());
    }

    [Fact]
    public async Task A_finished_video_downloads_as_a_valid_mp4()
    {
        var connection = _harness.Connect();
        var task = await connection.SubmitAsync(connection.Prepare(Support.Requests.ImageToVideo(_harness.NewImage())), CancellationToken.None);

        var finished = await connection.WaitAsync(task, TimeSpan.FromSeconds(20), CancellationToken.None);
        var file = await connection.SaveAsync(finished, _harness.Folder.File("out.mp4"), overwrite: false, progress: null, CancellationToken.None);

        Assert.Equal(TaskState.Succeeded, finished.Lifecycle);
        Assert.True(Mp4Inspector.Inspect(file.Path).IsValid);
    }

    [Fact]
    public void A_completed_task_without_output_is_a_failure_with_a_reason()
    {
        using var data = JsonDocument.Parse("{\"id\":\"x\",\"status\":\"completed\",\"outputs\":[],\"error\":\"\"}");

        var task = WaveSpeedProvider.ReadPrediction(data.RootElement, new VideoTask("x", "WaveSpeed", "m"));

        Assert.Contains("gave no video", task.Error);
    }

    /// <summary>WaveSpeed's error envelopes and the category each means (the conformance suite runs them).</summary>
    public static TheoryData<ErrorBody> ErrorBodies => new()
    {
        new ErrorBody(401, "{\"code\":401,\"message\":\"Unauthorized\"}", SeedanceErrorCategory.Authentication),
        new ErrorBody(403, "{\"code\":403,\"message\":\"Account suspended\"}", SeedanceErrorCategory.Authentication),
        new ErrorBody(403, "{\"code\":403,\"message\":\"Insufficient balance, please top up\"}", SeedanceErrorCategory.InsufficientBalance),
        new ErrorBody(400, "{\"code\":400,\"message\":\"duration must be one of 5, 10, 15\"}", SeedanceErrorCategory.Validation),
        new ErrorBody(413, "{\"code\":413,\"message\":\"file too large\"}", SeedanceErrorCategory.Validation),
        new ErrorBody(400, "{\"code\":400,\"message\":\"input flagged as nsfw\"}", SeedanceErrorCategory.ContentPolicy),
        new ErrorBody(404, "{\"code\":404,\"message\":\"prediction not found\"}", SeedanceErrorCategory.NotFound),
        new ErrorBody(429, "{\"code\":429,\"message\":\"Too Many Requests\"}", SeedanceErrorCategory.RateLimited),
        new ErrorBody(500, "{\"code\":500,\"message\":\"internal error\"}", SeedanceErrorCategory.Server),
    };

    [Fact]
    public async Task The_videos_per_minute_quota_is_a_rate_limit_and_bills_nothing_twice()
    {
        using var harness = new EmulatorHarness(options => options.SubmitsPerMinute = 1);
        var connection = harness.Connect();
        await connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl()), CancellationToken.None);

        var error = await Assert.ThrowsAsync<SeedanceException>(() => connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl()), CancellationToken.None));

        Assert.Equal(SeedanceErrorCategory.RateLimited, error.Category);
        Assert.Contains("videos per minute", error.Message);
        Assert.Equal(1, harness.Submits());
    }

    [Fact]
    public async Task A_finished_task_is_not_deleted_by_a_cancel()
    {
        using var harness = new EmulatorHarness(options => options.Latency = TimeSpan.FromMilliseconds(50));
        var connection = harness.Connect();
        var task = await connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl()), CancellationToken.None);
        var finished = await connection.WaitAsync(task, TimeSpan.FromSeconds(20), CancellationToken.None);

        var (outcome, _) = await connection.CancelAsync(finished, CancellationToken.None);

        Assert.Equal(CancelOutcome.AlreadyFinished, outcome);
        Assert.DoesNotContain(harness.Server.Requests, request => request.Method == "DELETE");
    }

    [Fact]
    public async Task Recent_tasks_are_listed_from_the_history_newest_first()
    {
        var connection = _harness.Connect();
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        var older = await connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl()), CancellationToken.None);
        var newer = await connection.SubmitAsync(connection.Prepare(new VideoRequest { Prompt = "a lighthouse" }), CancellationToken.None);

        var recent = (await new WaveSpeedProvider().ListRecentAsync(connection.Context, connection.ProviderInfo.DefaultModel, since, CancellationToken.None)).Tasks;

        Assert.Equal(new[] { newer.Id, older.Id }, recent.Select(listed => listed.Task.Id));
        Assert.Equal(TextToVideo, recent[0].Task.Model);
        Assert.Single(_harness.Server.RequestsTo("WaveSpeed"), call => call.Path.EndsWith("/api/v3/predictions", StringComparison.Ordinal));
    }

    /// <summary>What the models do not offer: the model (null: the default), the error id and parameter the request is refused with before any request, and how the request is spoilt (the conformance suite runs them).</summary>
    public static TheoryData<string?, string, string, Action<VideoRequest>> Refused => new()
    {
        { Turbo, "ResolutionNotSupported", "Resolution", request => request.Resolution = "480p" },
        { Turbo, "ParameterNotSupported", "GenerateAudio", request => request.GenerateAudio = true },
        { Turbo, "ParameterNotSupported", "Seed", request => request.Seed = 7 },
        { Turbo, "TooManyImages", "Image", request => request.Images.Add(ImageInput.FromUri(new Uri("https://example.com/2.png"))) },
        { Turbo, "DurationNotSupported", "Duration", request => request.DurationSeconds = 3 },
        { Spicy, "DurationNotSupported", "Duration", request => request.DurationSeconds = 16 },
        { Spicy, "AspectRatioNotSupported", "AspectRatio", request => request.AspectRatio = "2:1" },
        { Spicy, "ParameterNotSupported", "CameraFixed", request => request.CameraFixed = true },
        { TextToVideo, "TooManyImages", "Image", request => { request.Images.Clear(); request.Images.Add(ImageInput.FromUri(new Uri("https://example.com/1.png"))); } },
        { TextToVideo, "ResolutionNotSupported", "Resolution", request => { request.Images.Clear(); request.Resolution = "720p"; } },
        { TextToVideo, "AspectRatioNotSupported", "AspectRatio", request => { request.Images.Clear(); request.AspectRatio = "21:9"; } },
        { TextToVideo, "DurationNotSupported", "Duration", request => { request.Images.Clear(); request.DurationSeconds = 8; } },
        { TextToVideo, "PromptRequired", "Prompt", request => { request.Images.Clear(); request.Prompt = null; } },
        { TextToVideo, "ParameterNotSupported", "GenerateAudio", request => { request.Images.Clear(); request.GenerateAudio = false; } },
        { "seedance-2-0-fast", "TooManyImages", "Image", request => { for (var i = 0; i < 4; i++) { request.Images.Add(ImageInput.FromUri(new Uri($"https://example.com/{i}.png"))); } } },
        { "seedance-2-0-fast", "DurationNotSupported", "Duration", request => request.DurationSeconds = 4 },
        { "seedance-2-0-fast", "AspectRatioNotSupported", "AspectRatio", request => request.AspectRatio = "16:9" },
        { StandardImageToVideo, "ParameterNotSupported", "LastImage", request => request.LastImage = ImageInput.FromUri(new Uri("https://example.com/end.png")) },
        { StandardImageToVideo, "ResolutionNotSupported", "Resolution", request => request.Resolution = "1080p" },
    };

    [Fact]
    public void Every_model_is_priced_only_where_WaveSpeed_publishes_a_price()
    {
        var models = new WaveSpeedProvider().Info.Models.ToDictionary(model => model.Id);

        Assert.Equal("bytedance/seedance-2.0-fast/image-to-video", new WaveSpeedProvider().Info.DefaultModel.Id);
        Assert.Equal(0.16m, models[TextToVideo].PriceAt("720p"));
        Assert.Equal(0.12m, models[Turbo].PriceAt("720p"));
        Assert.Null(models[Turbo].PriceAt("1080p"));
        Assert.Empty(models[Spicy].PricePerSecond);
        Assert.Null(new WaveSpeedProvider().Info.InlineImageLimitBytes);
    }

    [Fact]
    public async Task A_quote_comes_from_WaveSpeeds_price_endpoint_and_submits_nothing()
    {
        var connection = _harness.Connect();

        var fiveSeconds = await connection.PriceAsync(connection.Prepare(new VideoRequest { Model = TextToVideo, Prompt = "a lighthouse", DurationSeconds = 5 }), CancellationToken.None);
        var tenSeconds = await connection.PriceAsync(connection.Prepare(new VideoRequest { Model = TextToVideo, Prompt = "a lighthouse", DurationSeconds = 10 }), CancellationToken.None);

        Assert.Equal(0.80m, fiveSeconds.Amount);
        Assert.Equal(1.60m, tenSeconds.Amount);
        Assert.Equal("WaveSpeed's price quote (POST /api/v3/model/price)", tenSeconds.Source);
        Assert.All(_harness.Server.RequestsTo("WaveSpeed"), request => Assert.Equal("/wavespeed/api/v3/model/price", request.Path));
        Assert.Empty(_harness.Server.Tasks.Snapshot());
    }

    [Fact]
    public async Task A_model_without_a_published_price_is_priced_by_its_quote()
    {
        var connection = _harness.Connect();
        var request = Support.Requests.FromUrl("https://images.example.com/first.jpg");
        request.Model = Spicy;
        var prepared = connection.Prepare(request);

        var quote = await connection.PriceAsync(prepared, CancellationToken.None);

        Assert.Null(prepared.EstimatedCost);
        Assert.Equal(0.60m, quote.Amount);
    }

    [Fact]
    public async Task A_provider_without_quotes_is_priced_by_its_published_list()
    {
        using var harness = new EmulatorHarness();
        var connection = harness.Connect("fal");
        var prepared = connection.Prepare(Support.Requests.FromUrl("https://images.example.com/first.jpg", "slow pan"));

        var price = await connection.PriceAsync(prepared, CancellationToken.None);

        Assert.Equal(prepared.EstimatedCost, price.Amount);
        Assert.StartsWith("published price list (fal ", price.Source);
        Assert.Equal(0, harness.ApiRequests("fal"));
    }

    private async Task<Seedance.Emulator.Tasks.EmulatedTask> SubmitAndPeekAsync(Seedance.Connections.SeedanceConnection connection, VideoRequest request)
    {
        var task = await connection.SubmitAsync(connection.Prepare(request), CancellationToken.None);
        return _harness.Server.Tasks.Peek(task.Id)!;
    }

    public void Dispose() => _harness.Dispose();
}
