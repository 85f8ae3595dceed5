using System.Net;
using System.Text.Json;
using Seedance.Connections;
using Seedance.Emulator.Faults;
using Seedance.Emulator.Tasks;
using Seedance.Http;
using Seedance.Media;
using Seedance.Providers;

namespace Seedance.Tests.Providers;

/// <summary>The Atlas Cloud wire mapping, checked against what arrives at its emulator twin over real HTTP.</summary>
public sealed class AtlasCloudProviderTests : IDisposable
{
    private const string Provider = AtlasCloudProvider.Name;
    private const string FastImageToVideo = "bytedance/seedance-2.0-fast/image-to-video";

    private readonly EmulatorHarness _harness = new();

    /// <summary>What the models do not offer: the model (null: the default), the error id and parameter the request is refused with before any request, and how the request is spoilt (the conformance suite runs them).</summary>
    public static TheoryData<string?, string, string, Action<VideoRequest>> Refused => new()
    {
        { null, "DurationNotSupported", "Duration", request => request.DurationSeconds = 3 },
        { null, "DurationNotSupported", "Duration", request => request.DurationSeconds = 16 },
        { null, "ResolutionNotSupported", "Resolution", request => request.Resolution = "1080p" },
        { null, "AspectRatioNotSupported", "AspectRatio", request => request.AspectRatio = "2:1" },
        { null, "ParameterNotSupported", "Seed", request => request.Seed = 42 },
        { null, "ParameterNotSupported", "CameraFixed", request => request.CameraFixed = true },
        { null, "TooManyImages", "Image", request => AddImages(request, 9) },
        { null, "TooManyImages", "Image", request => { AddImages(request, 2); request.LastImage = Image("end"); } },
        { null, "TooManyImages", "Image", request => request.Model = "bytedance/seedance-2.0-fast/text-to-video" },
        { null, "ParameterNotSupported", "LastImage", request => { request.Model = "bytedance/seedance-2.0-fast/reference-to-video"; request.LastImage = Image("end"); } },
        { null, "PromptRequired", "Prompt", request => { request.Images.Clear(); request.Prompt = null; } },
        { null, "WebhookUrlInsecure", "WebhookUrl", request => request.WebhookUrl = new Uri("http://hooks.example.com/done") },
    };

    [Theory]
    [InlineData(0, "bytedance/seedance-2.0-fast/text-to-video")]
    [InlineData(1, FastImageToVideo)]
    [InlineData(2, "bytedance/seedance-2.0-fast/reference-to-video")]
    [InlineData(9, "bytedance/seedance-2.0-fast/reference-to-video")]
    public void The_image_count_picks_the_fast_model_for_the_job(int images, string expected)
    {
        var request = new VideoRequest { Prompt = "a kite over the dunes" };
        AddImages(request, images);

        Assert.Equal(expected, Connect().Prepare(request).Model.Id);
    }

    [Theory]
    [InlineData("seedance-2-0-fast")]
    [InlineData("bytedance/seedance-2.0/fast/image-to-video")]
    public void The_briefs_names_for_the_fast_model_reach_its_real_id(string name)
    {
        var request = Support.Requests.FromUrl();
        request.Model = name;

        Assert.Equal(FastImageToVideo, Connect().Prepare(request).Model.Id);
        Assert.Same(ProviderCatalog.Get(Provider), ProviderCatalog.Get("Atlas"));
    }

    [Theory]
    [InlineData("720p", 1.21)]
    [InlineData("480p", 0.56)]
    public void Seedance_2_0_standard_is_priced_from_its_published_token_rate(string resolution, double expected)
    {
        var request = Support.Requests.FromUrl();
        request.Model = "bytedance/seedance-2.0/image-to-video";
        request.Resolution = resolution;

        Assert.Equal((decimal)expected, Connect().Prepare(request).EstimatedCost);
    }

    [Fact]
    public void Fast_has_no_published_per_second_price_and_says_so()
    {
        var prepared = Connect().Prepare(Support.Requests.FromUrl());

        Assert.Null(prepared.EstimatedCost);
        Assert.EndsWith("price not published", prepared.Summary);
    }

    [Fact]
    public async Task Text_to_video_matches_the_golden_body()
    {
        var arrived = await SubmitAsync(new VideoRequest { Prompt = "a lighthouse at dusk, slow dolly in", DurationSeconds = 8 });

        Golden.AssertMatches("atlascloud", "text-to-video", arrived.Spec.RawBody);
    }

    [Fact]
    public async Task First_and_last_frame_match_the_golden_body()
    {
        var request = Support.Requests.FromUrl("https://images.example.com/dawn.jpg", "the square fills with people");
        request.LastImage = ImageInput.FromUri(new Uri("https://images.example.com/noon.jpg"));
        request.Resolution = "480p";
        request.AspectRatio = "9:16";

        var arrived = await SubmitAsync(request);

        Golden.AssertMatches("atlascloud", "first-last-frame", arrived.Spec.RawBody);
        Assert.Equal(2, arrived.Spec.ImageCount);
    }

    [Fact]
    public async Task Reference_images_match_the_golden_body()
    {
        var request = new VideoRequest { Prompt = "image 1 rides past image 2 under image 3's sky", DurationSeconds = 10 };
        AddImages(request, 3);
        request.Shots.Add("wide shot of the boulevard");
        request.Shots.Add("close-up of the bicycle bell");

        var arrived = await SubmitAsync(request);

        Golden.AssertMatches("atlascloud", "reference-to-video", arrived.Spec.RawBody);
        Assert.Equal("bytedance/seedance-2.0-fast/reference-to-video", arrived.Spec.Model);
    }

    [Fact]
    public async Task Options_and_extra_fields_match_the_golden_body()
    {
        var request = Support.Requests.FromUrl("https://images.example.com/studio.png", "the model turns toward the light");
        request.Model = "bytedance/seedance-2.0/image-to-video";
        request.Resolution = "1080p";
        request.AspectRatio = "adaptive";
        request.GenerateAudio = false;
        request.Watermark = false;
        request.WebhookUrl = new Uri("https://hooks.example.com/atlas?token=abc");
        request.ExtraFields["client_tag"] = "spring-catalogue";

        var arrived = await SubmitAsync(request);

        Golden.AssertMatches("atlascloud", "options", arrived.Spec.RawBody);
        Assert.Equal("https://hooks.example.com/atlas?token=abc", arrived.Spec.WebhookUrl);
    }

    [Fact]
    public async Task A_local_image_goes_inline_and_the_finished_video_downloads_as_a_valid_mp4()
    {
        var connection = Connect();
        var task = await connection.SubmitAsync(connection.Prepare(Support.Requests.ImageToVideo(_harness.NewImage(name: "harbour.png"))), CancellationToken.None);

        var finished = await connection.WaitAsync(task, TimeSpan.FromSeconds(20), CancellationToken.None);
        var file = await connection.SaveAsync(finished, _harness.Folder.File("harbour.mp4"), overwrite: false, null, CancellationToken.None);

        using var body = JsonDocument.Parse(_harness.Server.Tasks.Peek(task.Id)!.Spec.RawBody);
        Assert.StartsWith("data:image/png;base64,iVBORw0KGgo", body.RootElement.GetProperty("image").GetString());
        Assert.StartsWith("pred_", task.Id);
        Assert.Equal(TaskState.Succeeded, finished.Lifecycle);
        Assert.NotNull(finished.CompletedAt);
        Assert.True(finished.InferenceMs > 0);
        var info = Mp4Inspector.Inspect(file.Path);
        Assert.True(info.IsValid, string.Join("; ", info.Problems));
        Assert.Equal(5.0, info.DurationSeconds, 2);
        Assert.Equal((1280, 720), (file.Width, file.Height));
    }

    [Fact]
    public async Task An_image_over_the_inline_limit_is_uploaded_first_and_sent_as_its_url()
    {
        var path = _harness.NewImage(name: "poster.png");
        using (var padded = new FileStream(path, FileMode.Append))
        {
            // Bytes after a PNG's end are ignored by readers; they only make the file too large to inline.
            padded.Write(new byte[(10 * 1024 * 1024) + 1], 0, (10 * 1024 * 1024) + 1);
        }

        var arrived = await SubmitAsync(Support.Requests.ImageToVideo(path));

        using var body = JsonDocument.Parse(arrived.Spec.RawBody);
        var image = body.RootElement.GetProperty("image").GetString()!;
        Assert.StartsWith(new Uri(_harness.Server.Root, "uploads/").AbsoluteUri, image);
        Assert.EndsWith("/poster.png", image);
        Assert.True(_harness.Server.Uploads.Holds(image));
        Assert.Contains(_harness.Server.RequestsTo(Provider), request => request.Method == "POST" && request.Path.EndsWith("/api/v1/model/uploadMedia", StringComparison.Ordinal));
    }

    /// <summary>Submits Atlas Cloud refuses for the account's balance: its code is the HTTP status (the conformance suite runs them).</summary>
    public static TheoryData<SubmitRefusal> SubmitRefusals => new()
    {
        new SubmitRefusal(402, "{\"code\":402,\"msg\":\"Payment required\"}", SeedanceErrorCategory.InsufficientBalance, ProviderCode: "402"),
        new SubmitRefusal(403, "{\"code\":403,\"msg\":\"Insufficient balance, please top up\"}", SeedanceErrorCategory.InsufficientBalance, ProviderCode: "403"),
    };

    [Fact]
    public async Task An_error_code_in_an_http_200_envelope_is_still_an_error()
    {
        using var harness = new EmulatorHarness(options => options.Faults.Add(new FaultRule { Provider = Provider, Endpoint = "submit", Action = FaultAction.Status, StatusCode = 200, Body = "{\"code\":429,\"msg\":\"Too Many Requests\"}" }));
        var connection = harness.Connect(Provider);

        var error = await Assert.ThrowsAsync<SeedanceException>(() => connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl()), CancellationToken.None));

        Assert.Equal(SeedanceErrorCategory.RateLimited, error.Category);
        Assert.Equal(429, error.StatusCode);
        Assert.Contains("Too Many Requests", error.Message);
    }

    [Fact]
    public async Task A_submit_answered_flat_without_the_envelope_is_read_too()
    {
        const string flat = "{\"id\":\"pred_abc123\",\"status\":\"processing\",\"model\":\"model-name\",\"created_at\":\"2025-01-01T00:00:00Z\"}";
        using var harness = new EmulatorHarness(options => options.Faults.Add(new FaultRule { Provider = Provider, Endpoint = "submit", Action = FaultAction.Status, StatusCode = 200, Body = flat }));
        var connection = harness.Connect(Provider);

        var task = await connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl()), CancellationToken.None);

        Assert.Equal("pred_abc123", task.Id);
        Assert.Equal(TaskState.Running, task.Lifecycle);
        Assert.Equal(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), task.CreatedAt);
    }

    /// <summary>Atlas Cloud's error bodies (its text in msg or message) and the category each means (the conformance suite runs them).</summary>
    public static TheoryData<ErrorBody> ErrorBodies => new()
    {
        new ErrorBody(401, "{\"code\":401,\"msg\":\"Unauthorized: invalid or missing API key\"}", SeedanceErrorCategory.Authentication),
        new ErrorBody(403, "{\"code\":403,\"message\":\"Permission denied\"}", SeedanceErrorCategory.Authentication),
        new ErrorBody(402, "{\"code\":402,\"msg\":\"Payment Required\"}", SeedanceErrorCategory.InsufficientBalance),
        new ErrorBody(400, "{\"code\":400,\"message\":\"Your balance is not enough for this request\"}", SeedanceErrorCategory.InsufficientBalance),
        new ErrorBody(400, "{\"code\":400,\"msg\":\"duration must be an integer from 4 to 15, or -1 to let the model choose\"}", SeedanceErrorCategory.Validation),
        new ErrorBody(400, "{\"code\":400,\"msg\":\"The input image contains sensitive content\"}", SeedanceErrorCategory.ContentPolicy),
        new ErrorBody(404, "{\"code\":404,\"msg\":\"prediction not found\"}", SeedanceErrorCategory.NotFound),
        new ErrorBody(429, "{\"error\":\"Too Many Requests\"}", SeedanceErrorCategory.RateLimited),
        new ErrorBody(500, "{\"error\":{\"message\":\"internal error\"}}", SeedanceErrorCategory.Server),
    };

    [Fact]
    public void A_prediction_gives_its_predict_time_as_the_inference_time()
    {
        using var data = JsonDocument.Parse("{\"id\":\"pred_x\",\"status\":\"completed\",\"outputs\":[\"https://storage.atlascloud.ai/outputs/result.mp4\"],\"error\":null,\"metrics\":{\"predict_time\":45.2}}");

        Assert.Equal(45200, AtlasCloudProvider.ReadPrediction(data.RootElement, new VideoTask("pred_x", Provider, FastImageToVideo)).InferenceMs);
    }

    [Fact]
    public void An_unknown_status_word_is_read_as_still_running_and_said_so()
    {
        using var data = JsonDocument.Parse("{\"id\":\"pred_x\",\"status\":\"warming_up\",\"outputs\":[]}");
        var messages = new List<string>();

        VideoTask task;
        using (SeedanceLog.Capture(messages.Add))
        {
            task = AtlasCloudProvider.ReadPrediction(data.RootElement, new VideoTask("pred_x", Provider, FastImageToVideo));
        }

        Assert.Equal(TaskState.Running, task.Lifecycle);
        Assert.Contains(messages, message => message.Contains("'warming_up'") && message.Contains("still running"));
    }

    [Fact]
    public void A_video_listed_under_output_instead_of_outputs_is_found()
    {
        using var data = JsonDocument.Parse("{\"id\":\"pred_x\",\"status\":\"succeeded\",\"output\":\"https://storage.atlascloud.ai/outputs/result.mp4\"}");

        var task = AtlasCloudProvider.ReadPrediction(data.RootElement, new VideoTask("pred_x", Provider, FastImageToVideo));

        Assert.Equal(new Uri("https://storage.atlascloud.ai/outputs/result.mp4"), task.VideoUrl);
    }

    [Fact]
    public async Task The_webhook_arrives_once_the_task_ends_with_the_prediction_as_polled()
    {
        using var receiver = new WebhookReceiver();
        var request = Support.Requests.FromUrl();
        request.WebhookUrl = receiver.Url;
        var connection = Connect();

        var task = await connection.SubmitAsync(connection.Prepare(request), CancellationToken.None);
        var (headers, body) = await receiver.NextAsync(TimeSpan.FromSeconds(15));

        using var payload = JsonDocument.Parse(body);
        using var submitted = JsonDocument.Parse(_harness.Server.Tasks.Peek(task.Id)!.Spec.RawBody);
        Assert.Equal("video.task.terminal", headers["X-AtlasCloud-Webhook-Event"]);
        Assert.Equal("video.task.terminal", payload.RootElement.GetProperty("event_type").GetString());
        Assert.Equal(task.Id, payload.RootElement.GetProperty("data").GetProperty("id").GetString());
        Assert.Equal("completed", payload.RootElement.GetProperty("data").GetProperty("status").GetString());
        Assert.Equal(receiver.Url.AbsoluteUri, submitted.RootElement.GetProperty("webhook_url").GetString());
    }

    public void Dispose() => _harness.Dispose();

    private SeedanceConnection Connect(string key = EmulatorHarness.Key) => _harness.Connect(Provider, key);

    private async Task<EmulatedTask> SubmitAsync(VideoRequest request)
    {
        var connection = Connect();
        var task = await connection.SubmitAsync(connection.Prepare(request), CancellationToken.None);
        return _harness.Server.Tasks.Peek(task.Id)!;
    }

    private static ImageInput Image(string name) => ImageInput.FromUri(new Uri($"https://images.example.com/{name}.jpg"));

    private static void AddImages(VideoRequest request, int count)
    {
        for (var i = 1; i <= count; i++)
        {
            request.Images.Add(Image($"ref-{i}"));
        }
    }
}
