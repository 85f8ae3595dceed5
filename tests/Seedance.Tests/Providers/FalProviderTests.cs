using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Seedance.Connections;
using Seedance.Emulator.Faults;
using Seedance.Emulator.Tasks;
using Seedance.Http;
using Seedance.Media;
using Seedance.Providers;

namespace Seedance.Tests.Providers;

/// <summary>The fal queue mapping, checked against what arrives at its emulator twin over real HTTP.</summary>
public sealed class FalProviderTests : IDisposable
{
    private const string Fal = FalProvider.Name;
    private const string FastImageToVideo = "bytedance/seedance-2.0/fast/image-to-video";

    private readonly EmulatorHarness _harness = new(options => options.Latency = TimeSpan.FromMilliseconds(200));

    [Fact]
    public async Task An_image_to_video_body_matches_the_golden_file_with_duration_as_a_string()
    {
        var request = Support.Requests.FromUrl(prompt: "slow orbital pan");
        request.DurationSeconds = 10;
        request.Resolution = "480p";
        request.AspectRatio = "16:9";
        request.GenerateAudio = false;

        var arrived = await SubmitAsync(request);

        Golden.AssertMatches("fal", "image-to-video", arrived.Spec.RawBody);
        Assert.Equal(FastImageToVideo, arrived.Spec.Model);
    }

    [Fact]
    public async Task A_first_and_last_frame_body_matches_the_golden_file()
    {
        var request = Support.Requests.FromUrl(prompt: "the flower opens");
        request.LastImage = ImageInput.FromUri(new Uri("https://images.example.com/open.jpg"));

        var arrived = await SubmitAsync(request);

        Golden.AssertMatches("fal", "first-last-frame", arrived.Spec.RawBody);
        Assert.Equal(FastImageToVideo, arrived.Spec.Model);
    }

    [Fact]
    public async Task Text_alone_goes_to_the_text_to_video_endpoint()
    {
        var arrived = await SubmitAsync(new VideoRequest { Prompt = "a lighthouse in a storm", AspectRatio = "9:16" });

        Golden.AssertMatches("fal", "text-to-video", arrived.Spec.RawBody);
        Assert.Equal("bytedance/seedance-2.0/fast/text-to-video", arrived.Spec.Model);
    }

    [Fact]
    public async Task Several_images_go_to_the_reference_to_video_endpoint_as_image_urls()
    {
        var request = new VideoRequest { Prompt = "@Image1 hands @Image2 to @Image3", DurationSeconds = 8 };
        foreach (var name in new[] { "baker", "loaf", "customer" })
        {
            request.Images.Add(ImageInput.FromUri(new Uri($"https://images.example.com/{name}.jpg")));
        }

        var arrived = await SubmitAsync(request);

        Golden.AssertMatches("fal", "reference-to-video", arrived.Spec.RawBody);
        Assert.Equal("bytedance/seedance-2.0/fast/reference-to-video", arrived.Spec.Model);
        Assert.Equal(3, arrived.Spec.ImageCount);
    }

    [Fact]
    public async Task The_reference_to_video_endpoint_given_a_prompt_alone_gets_an_empty_image_urls()
    {
        var request = new VideoRequest { Prompt = "a baker hands over a loaf", Model = "bytedance/seedance-2.0/fast/reference-to-video" };

        var arrived = await SubmitAsync(request);

        using var body = JsonDocument.Parse(arrived.Spec.RawBody);
        Assert.Equal(0, body.RootElement.GetProperty("image_urls").GetArrayLength());
        Assert.False(body.RootElement.TryGetProperty("image_url", out _));
    }

    [Fact]
    public async Task A_seedance_one_model_gets_its_seed_and_camera_lock()
    {
        var request = Support.Requests.FromUrl(prompt: "a skier");
        request.Model = "fal-ai/bytedance/seedance/v1.5/pro/image-to-video";
        request.Seed = 42;
        request.CameraFixed = true;
        request.Resolution = "1080p";

        var arrived = await SubmitAsync(request);

        Golden.AssertMatches("fal", "seedance-1-5-pro", arrived.Spec.RawBody);
    }

    [Fact]
    public async Task A_small_local_image_travels_inline_and_nothing_is_uploaded()
    {
        var arrived = await SubmitAsync(Support.Requests.ImageToVideo(_harness.NewImage()));

        using var body = JsonDocument.Parse(arrived.Spec.RawBody);
        Assert.StartsWith("data:image/png;base64,iVBORw0KGgo", body.RootElement.GetProperty("image_url").GetString());
        Assert.Equal(0, _harness.Server.Uploads.Count);
        Assert.DoesNotContain(_harness.Server.Requests, request => request.Path.Contains("/storage/upload"));
    }

    [Fact]
    public async Task A_large_local_image_is_uploaded_to_storage_and_the_generation_reads_it()
    {
        var connection = _harness.Connect(Fal);
        var request = Support.Requests.ImageToVideo(LargeImage("large.png"));
        request.LastImage = ImageInput.FromFile(_harness.NewImage(name: "end.png"));

        var task = await connection.SubmitAsync(connection.Prepare(request), CancellationToken.None);
        var final = await connection.WaitAsync(task, TimeSpan.FromSeconds(20), CancellationToken.None);

        using var body = JsonDocument.Parse(_harness.Server.Tasks.Peek(task.Id)!.Spec.RawBody);
        var uploaded = body.RootElement.GetProperty("image_url").GetString()!;
        Assert.StartsWith(_harness.Server.Root.AbsoluteUri + "uploads/", uploaded);
        Assert.EndsWith("/large.png", uploaded);
        Assert.True(_harness.Server.Uploads.Holds(uploaded));
        Assert.StartsWith("data:image/png;base64,", body.RootElement.GetProperty("end_image_url").GetString());
        Assert.Equal(1, _harness.Server.Uploads.Count);
        Assert.Contains(_harness.Server.Requests, call => call.Method == "POST" && call.Path == "/fal/storage/upload/initiate");
        Assert.Equal(TaskState.Succeeded, final.Lifecycle);
    }

    [Fact]
    public async Task An_upload_reserved_but_never_filled_fails_the_generation_as_fal_would()
    {
        var (_, fileUrl) = _harness.Server.Uploads.Reserve("never.png", "image/png");
        var connection = _harness.Connect(Fal);

        var task = await connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl(fileUrl.AbsoluteUri)), CancellationToken.None);
        var final = await connection.WaitAsync(task, TimeSpan.FromSeconds(20), CancellationToken.None);

        Assert.Equal(TaskState.Failed, final.Lifecycle);
        Assert.Equal("file_download_error", final.ErrorCode);
        Assert.Contains("image_url", final.Error);
    }

    [Fact]
    public void Uploads_are_reserved_on_fal_s_rest_host_or_under_a_gateway_s_base()
    {
        var provider = new FalProvider();
        using var http = new SeedanceHttp(Fal, "Key", ApiKeySecret.FromPlainText(EmulatorHarness.Key, "test"), provider.DescribeFailure, EmulatorHarness.FastHttp());

        var own = provider.UploadInitiateUri(new ProviderContext(http, provider.Info.DefaultBaseUri));
        var gateway = provider.UploadInitiateUri(new ProviderContext(http, new Uri("https://gateway.example.com/fal/")));

        Assert.Equal("https://rest.fal.ai/storage/upload/initiate?storage_type=fal-cdn-v3", own.AbsoluteUri);
        Assert.Equal("https://gateway.example.com/fal/storage/upload/initiate?storage_type=fal-cdn-v3", gateway.AbsoluteUri);
    }

    [Fact]
    public async Task A_generation_is_polled_on_the_app_path_and_its_video_downloads_as_a_valid_mp4()
    {
        var connection = _harness.Connect(Fal);

        var task = await connection.SubmitAsync(connection.Prepare(Support.Requests.ImageToVideo(_harness.NewImage(name: "cat.png"), duration: 4)), CancellationToken.None);
        var final = await connection.WaitAsync(task, TimeSpan.FromSeconds(20), CancellationToken.None);
        var file = await connection.SaveAsync(final, Path.Combine(_harness.Folder.Path, "cat.mp4"), overwrite: false, null, CancellationToken.None);

        Assert.Equal(36, task.Id.Length);
        Assert.Equal(0.97m, task.EstimatedCost);
        Assert.Equal(TaskState.Succeeded, final.Lifecycle);
        Assert.NotNull(final.InferenceMs);
        Assert.True(Mp4Inspector.Inspect(file.Path).IsValid);
        Assert.Equal(4.0, Mp4Inspector.Inspect(file.Path).DurationSeconds, 2);
        var paths = _harness.Server.RequestsTo(Fal).Select(request => request.Path).ToList();
        Assert.Contains($"/fal/bytedance/seedance-2.0/requests/{task.Id}/status", paths);
        Assert.Contains($"/fal/bytedance/seedance-2.0/requests/{task.Id}", paths);
        Assert.DoesNotContain(paths, path => path.Contains("image-to-video/requests"));
    }

    [Fact]
    public async Task Requests_over_the_concurrency_limit_wait_in_the_queue_with_their_position()
    {
        using var harness = new EmulatorHarness(options => { options.ConcurrencyLimit = 1; options.Latency = TimeSpan.FromSeconds(30); });
        var connection = harness.Connect(Fal, configure: options => options.ThrottleLimit = 0);

        var tasks = new System.Collections.Generic.List<VideoTask>();
        for (var i = 0; i < 3; i++)
        {
            tasks.Add(await connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl()), CancellationToken.None));
        }

        var snapshots = await Task.WhenAll(tasks.Select(task => connection.RefreshAsync(task, CancellationToken.None)));

        Assert.Equal(new[] { TaskState.Running, TaskState.Queued, TaskState.Queued }, snapshots.Select(task => task.Lifecycle));
        Assert.Equal(new int?[] { null, 0, 1 }, snapshots.Select(task => task.QueuePosition));
        Assert.Equal(3, harness.Submits(Fal));
    }

    [Fact]
    public async Task A_cancel_that_arrives_after_completion_reports_already_finished()
    {
        var connection = _harness.Connect(Fal);
        var task = await connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl()), CancellationToken.None);
        await connection.WaitAsync(task, TimeSpan.FromSeconds(20), CancellationToken.None);

        // The provider call itself, as when the task finished between the status check and the cancel.
        var outcome = await new FalProvider().CancelAsync(connection.Context, task, CancellationToken.None);

        Assert.Equal(CancelOutcome.AlreadyFinished, outcome);
    }

    [Fact]
    public async Task A_failed_generation_is_completed_with_an_error_result_and_reported_failed()
    {
        var final = await RunAsync(Support.Requests.FromUrl(prompt: "a cat #fail"));

        Assert.Equal(TaskState.Failed, final.Lifecycle);
        Assert.Equal("runner_server_error", final.ErrorCode);
        Assert.Contains("Generation failed", final.Error);
        Assert.Null(final.VideoUrl);

        // The 5xx result is fal's report of the failure (it names the error type), so it is taken at once, not retried.
        Assert.Single(_harness.Server.Requests, request => request.Method == "GET" && request.Path.EndsWith("/requests/" + final.Id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_numeric_duration_is_refused_by_the_app_because_fal_wants_a_string()
    {
        // The module always sends the string (and -ExtraField cannot override it), so the number other clients
        // send is posted by hand; the module follows the request from there.
        using var client = new HttpClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Key", EmulatorHarness.Key);
        var submitted = await client.PostAsync(new Uri(_harness.Server.BaseUriFor(Fal).AbsoluteUri.TrimEnd('/') + "/" + FastImageToVideo),
            new StringContent("{\"prompt\":\"a cat\",\"image_url\":\"https://images.example.com/shot.jpg\",\"duration\":5}", Encoding.UTF8, "application/json"));
        var id = JsonDocument.Parse(await submitted.Content.ReadAsStringAsync()).RootElement.GetProperty("request_id").GetString()!;

        var final = await _harness.Connect(Fal).WaitAsync(new VideoTask(id, Fal, FastImageToVideo), TimeSpan.FromSeconds(20), CancellationToken.None);

        Assert.Equal(TaskState.Failed, final.Lifecycle);
        Assert.Equal("literal_error", final.ErrorCode);
        Assert.Contains("duration", final.Error);
        Assert.Contains("HTTP 422", final.Error);
    }

    /// <summary>What the models do not offer: the model (null: the default), the error id and parameter the request is refused with before any request, and how the request is spoilt (the conformance suite runs them).</summary>
    public static TheoryData<string?, string, string, Action<VideoRequest>> Refused => new()
    {
        { null, "DurationNotSupported", "Duration", request => request.DurationSeconds = 3 },
        { null, "DurationNotSupported", "Duration", request => request.DurationSeconds = 16 },
        { null, "ResolutionNotSupported", "Resolution", request => request.Resolution = "1080p" },
        { null, "AspectRatioNotSupported", "AspectRatio", request => request.AspectRatio = "5:4" },
        { null, "ParameterNotSupported", "Seed", request => request.Seed = 42 },
        { null, "ParameterNotSupported", "CameraFixed", request => request.CameraFixed = true },
        { null, "ParameterNotSupported", "Watermark", request => request.Watermark = false },
        { null, "TooManyImages", "Image", request => AddImages(request, 9) },
        { null, "TooManyImages", "Image", request => { request.Model = "bytedance/seedance-2.0/fast/text-to-video"; } },
        { null, "TooFewImages", "Image", request => { request.Images.Clear(); request.Model = FastImageToVideo; } },
        { null, "ParameterNotSupported", "LastImage", request => { AddImages(request, 1); request.Model = "bytedance/seedance-2.0/fast/reference-to-video"; request.LastImage = ImageInput.FromUri(new Uri("https://images.example.com/end.jpg")); } },
        { null, "ParameterNotSupported", "LastImage", request => { request.Model = "fal-ai/bytedance/seedance/v1/pro/image-to-video"; request.LastImage = ImageInput.FromUri(new Uri("https://images.example.com/end.jpg")); } },
        { null, "ParameterNotSupported", "GenerateAudio", request => { request.Model = "fal-ai/bytedance/seedance/v1/pro/fast/image-to-video"; request.GenerateAudio = true; } },
        { null, "DurationNotSupported", "Duration", request => { request.Model = "fal-ai/bytedance/seedance/v1.5/pro/image-to-video"; request.DurationSeconds = 15; } },
        { null, "AspectRatioNotSupported", "AspectRatio", request => { request.Model = "fal-ai/bytedance/seedance/v1/pro/text-to-video"; request.Images.Clear(); request.AspectRatio = "auto"; } },
        { null, "ResolutionNotSupported", "Resolution", request => { request.Model = "fal-ai/bytedance/seedance/v1/pro/fast/image-to-video"; request.Resolution = "4k"; } },
        { null, "PromptRequired", "Prompt", request => request.Prompt = " " },
    };

    [Theory]
    [InlineData(0, false, "bytedance/seedance-2.0/fast/text-to-video")]
    [InlineData(1, false, FastImageToVideo)]
    [InlineData(1, true, FastImageToVideo)]
    [InlineData(2, false, "bytedance/seedance-2.0/fast/reference-to-video")]
    [InlineData(9, false, "bytedance/seedance-2.0/fast/reference-to-video")]
    public void The_model_follows_the_images_given(int images, bool lastImage, string expected)
    {
        var request = new VideoRequest { Prompt = "a walk in the park" };
        AddImages(request, images);
        request.LastImage = lastImage ? ImageInput.FromUri(new Uri("https://images.example.com/end.jpg")) : null;

        Assert.Equal(expected, _harness.Connect(Fal).Prepare(request).Model.Id);
    }

    [Theory]
    [InlineData(null, null, 5, 1.21)]
    [InlineData(null, "480p", 10, 1.09)]
    [InlineData("bytedance/seedance-2.0/image-to-video", "1080p", 5, 3.40)]
    [InlineData("bytedance/seedance-2.0/image-to-video", "4k", 5, null)]
    [InlineData("fal-ai/bytedance/seedance/v1/pro/image-to-video", null, 5, 0.61)]
    public void Prices_follow_fal_s_published_rates_and_token_formula(string? model, string? resolution, int seconds, double? expected)
    {
        var request = Support.Requests.FromUrl();
        request.Model = model;
        request.Resolution = resolution;
        request.DurationSeconds = seconds;

        Assert.Equal(expected is null ? null : (decimal?)expected.Value, _harness.Connect(Fal).Prepare(request).EstimatedCost);
    }

    [Fact]
    public void The_brief_s_model_name_and_the_fal_ai_alias_are_accepted()
    {
        var request = Support.Requests.FromUrl();
        request.Model = "seedance-2-0-fast";

        var prepared = _harness.Connect(Fal).Prepare(request);

        Assert.Equal(FastImageToVideo, prepared.Model.Id);
        Assert.IsType<FalProvider>(ProviderCatalog.Get("FAL.AI"));
    }

    /// <summary>A locked account: fal's words for an exhausted balance (the conformance suite runs it).</summary>
    public static TheoryData<SubmitRefusal> SubmitRefusals => new()
    {
        new SubmitRefusal(403, "{\"detail\":\"User is locked. Reason: Exhausted balance. Top up your balance at fal.ai/dashboard/billing.\"}", SeedanceErrorCategory.InsufficientBalance, "Exhausted balance"),
    };

    [Theory]
    [InlineData(401, "{\"detail\":\"No user found for Key ID and Secret\"}", SeedanceErrorCategory.Authentication, null)]
    [InlineData(403, "{\"detail\":\"User is locked. Reason: TOP_UP.\"}", SeedanceErrorCategory.InsufficientBalance, null)]
    [InlineData(403, "{\"detail\":\"User is locked. Reason: Admin lock. Please contact support@fal.ai\"}", SeedanceErrorCategory.Authentication, null)]
    [InlineData(422, "{\"detail\":[{\"loc\":[\"body\",\"duration\"],\"msg\":\"Input should be 'auto', '4' or '5'\",\"type\":\"literal_error\"}]}", SeedanceErrorCategory.Validation, "literal_error")]
    [InlineData(422, "{\"detail\":[{\"loc\":[\"body\",\"prompt\"],\"msg\":\"flagged\",\"type\":\"content_policy_violation\"}]}", SeedanceErrorCategory.ContentPolicy, "content_policy_violation")]
    [InlineData(404, "{\"detail\":\"Request not found\"}", SeedanceErrorCategory.NotFound, null)]
    [InlineData(404, "{\"status\":\"NOT_FOUND\"}", SeedanceErrorCategory.NotFound, "NOT_FOUND")]
    [InlineData(400, "{\"status\":\"ALREADY_COMPLETED\"}", SeedanceErrorCategory.Validation, "ALREADY_COMPLETED")]
    [InlineData(429, "{\"detail\":\"Too many requests\"}", SeedanceErrorCategory.RateLimited, null)]
    [InlineData(504, "{\"detail\":\"Request timed out\",\"error_type\":\"request_timeout\"}", SeedanceErrorCategory.Timeout, "request_timeout")]
    [InlineData(503, "{\"detail\":\"Runner disconnected\",\"error_type\":\"runner_disconnected\"}", SeedanceErrorCategory.Server, "runner_disconnected")]
    [InlineData(502, "<html>Bad Gateway</html>", SeedanceErrorCategory.Server, null)]
    public void Error_bodies_map_to_categories(int status, string body, SeedanceErrorCategory expected, string? code)
    {
        var failure = new FalProvider().DescribeFailure(new ApiResponse((HttpStatusCode)status, body, null));

        Assert.Equal(expected, failure.Category);
        Assert.Equal(code, failure.ProviderCode);
        Assert.False(string.IsNullOrWhiteSpace(failure.Message));
    }

    [Fact]
    public void A_model_error_names_each_field_and_type()
    {
        const string body = "{\"detail\":[{\"loc\":[\"body\",\"image_urls\",3],\"msg\":\"Failed to download the file.\",\"type\":\"file_download_error\"},{\"loc\":[\"body\",\"resolution\"],\"msg\":\"Input should be '480p' or '720p'\",\"type\":\"literal_error\"}]}";

        var failure = new FalProvider().DescribeFailure(new ApiResponse((HttpStatusCode)422, body, null));

        Assert.Equal("Failed to download the file. (file_download_error at body.image_urls.3); Input should be '480p' or '720p' (literal_error at body.resolution)", failure.Message);
    }

    [Theory]
    [InlineData("{\"status\":\"IN_QUEUE\",\"queue_position\":1234}", TaskState.Queued, 1234)]
    [InlineData("{\"status\":\"IN_PROGRESS\",\"logs\":null}", TaskState.Running, null)]
    [InlineData("{\"status\":\"SOMETHING_NEW\"}", TaskState.Running, null)]
    public void Queue_statuses_map_to_one_vocabulary_and_surface_the_queue_position(string json, TaskState expected, int? position)
    {
        using var status = JsonDocument.Parse(json);

        var task = FalProvider.ReadQueueStatus(status.RootElement, new VideoTask("x", Fal, FastImageToVideo) { Lifecycle = TaskState.Running, QueuePosition = 7 });

        Assert.Equal(expected, task.Lifecycle);
        Assert.Equal(position, task.QueuePosition);
    }

    [Theory]
    [InlineData("bytedance/seedance-2.0/fast/image-to-video", "bytedance/seedance-2.0")]
    [InlineData("fal-ai/bytedance/seedance/v1/pro/fast/image-to-video", "fal-ai/bytedance")]
    public void Requests_live_under_the_app_not_the_endpoint(string endpointId, string app) =>
        Assert.Equal(app, FalProvider.AppOf(endpointId));

    [Fact]
    public async Task The_twin_answers_404_on_the_endpoint_sub_path_and_400_for_an_unfinished_result()
    {
        var id = Guid.NewGuid().ToString();
        _harness.Server.Tasks.Create(id, EmulatorHarness.Key, new EmulatedTaskSpec { Provider = Fal, Model = FastImageToVideo, Prompt = "never ends #stuck" });
        using var client = new HttpClient();
        var twin = _harness.Server.BaseUriFor(Fal).AbsoluteUri;

        using var wrongPath = await SendAsync(client, HttpMethod.Get, $"{twin}/{FastImageToVideo}/requests/{id}/status");
        using var early = await SendAsync(client, HttpMethod.Get, $"{twin}/bytedance/seedance-2.0/requests/{id}");

        Assert.Equal(HttpStatusCode.NotFound, wrongPath.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Contains("still in progress", await early.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_webhook_arrives_in_fal_s_format_signed_with_a_key_of_the_emulators_jwks()
    {
        using var receiver = new WebhookReceiver();
        var request = Support.Requests.FromUrl();
        request.WebhookUrl = receiver.Url;

        var arrived = await SubmitAsync(request);
        var (headers, body) = await receiver.NextAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(receiver.Url.AbsoluteUri, arrived.Spec.WebhookUrl);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(arrived.Id, json.RootElement.GetProperty("request_id").GetString());
        Assert.Equal("OK", json.RootElement.GetProperty("status").GetString());
        Assert.EndsWith(".mp4", json.RootElement.GetProperty("payload").GetProperty("video").GetProperty("url").GetString());
        Assert.Equal(arrived.Id, headers["X-Fal-Webhook-Request-Id"]);
        Assert.Equal("emulator", headers["X-Fal-Webhook-User-Id"]);
        using var client = new HttpClient();
        using var jwks = JsonDocument.Parse(await client.GetStringAsync(_harness.Server.BaseUriFor(Fal).AbsoluteUri + "/.well-known/jwks.json"));
        var key = jwks.RootElement.GetProperty("keys")[0];
        Assert.Equal(("OKP", "Ed25519"), (key.GetProperty("kty").GetString(), key.GetProperty("crv").GetString()));

        // fal's message: request id, user id, timestamp and the body's SHA-256, one per line; the signature in hex.
        var x = key.GetProperty("x").GetString()!.Replace('-', '+').Replace('_', '/') + "=";
        var verifier = new Org.BouncyCastle.Crypto.Signers.Ed25519Signer();
        verifier.Init(false, new Org.BouncyCastle.Crypto.Parameters.Ed25519PublicKeyParameters(Convert.FromBase64String(x), 0));
        var digest = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(body)));
        var message = Encoding.UTF8.GetBytes($"{headers["X-Fal-Webhook-Request-Id"]}\n{headers["X-Fal-Webhook-User-Id"]}\n{headers["X-Fal-Webhook-Timestamp"]}\n{digest}");
        verifier.BlockUpdate(message, 0, message.Length);
        Assert.True(verifier.VerifySignature(Convert.FromHexString(headers["X-Fal-Webhook-Signature"]!)));
    }

    [Fact]
    public async Task A_refused_generation_s_webhook_reports_error_with_the_detail()
    {
        using var receiver = new WebhookReceiver();
        var request = Support.Requests.FromUrl(prompt: "a cat #nsfw");
        request.WebhookUrl = receiver.Url;

        await SubmitAsync(request);
        var (_, body) = await receiver.NextAsync(TimeSpan.FromSeconds(20));

        using var json = JsonDocument.Parse(body);
        Assert.Equal("ERROR", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("Invalid status code: 422", json.RootElement.GetProperty("error").GetString());
        Assert.Equal("content_policy_violation", json.RootElement.GetProperty("payload").GetProperty("detail")[0].GetProperty("type").GetString());
    }

    private async Task<EmulatedTask> SubmitAsync(VideoRequest request)
    {
        var connection = _harness.Connect(Fal);
        var task = await connection.SubmitAsync(connection.Prepare(request), CancellationToken.None);
        return _harness.Server.Tasks.Peek(task.Id)!;
    }

    private async Task<VideoTask> RunAsync(VideoRequest request)
    {
        var connection = _harness.Connect(Fal);
        var task = await connection.SubmitAsync(connection.Prepare(request), CancellationToken.None);
        return await connection.WaitAsync(task, TimeSpan.FromSeconds(20), CancellationToken.None);
    }

    private static void AddImages(VideoRequest request, int count)
    {
        for (var i = 0; i < count; i++)
        {
            request.Images.Add(ImageInput.FromUri(new Uri($"https://images.example.com/reference-{i}.jpg")));
        }
    }

    /// <summary>A file that passes as a PNG (by its signature) and is over the inline limit.</summary>
    private string LargeImage(string name)
    {
        var path = _harness.NewImage(name: name);
        using (var file = new FileStream(path, FileMode.Append))
        {
            file.Write(new byte[FalProvider.InlineLimit], 0, (int)FalProvider.InlineLimit);
        }

        return path;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url)
    {
        using var message = new HttpRequestMessage(method, url);
        message.Headers.Authorization = new AuthenticationHeaderValue("Key", EmulatorHarness.Key);
        return await client.SendAsync(message);
    }

    public void Dispose() => _harness.Dispose();
}
