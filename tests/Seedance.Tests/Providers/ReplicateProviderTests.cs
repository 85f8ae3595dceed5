using System.Net;
using System.Text.Json;
using Seedance.Emulator.Faults;
using Seedance.Emulator.Tasks;
using Seedance.Http;
using Seedance.Media;
using Seedance.Providers;

namespace Seedance.Tests.Providers;

/// <summary>The Replicate wire mapping, checked against what arrives at its emulator twin over real HTTP.</summary>
public sealed class ReplicateProviderTests : IDisposable
{
    private const string Provider = "Replicate";

    private readonly EmulatorHarness _harness = new();

    [Fact]
    public async Task Text_to_video_sends_the_golden_body_and_ends_in_a_valid_video()
    {
        var connection = _harness.Connect(Provider);
        var request = new VideoRequest { Prompt = "a lighthouse at dusk, slow dolly in", DurationSeconds = 6, Resolution = "480p", AspectRatio = "9:16", GenerateAudio = false, Seed = 42 };

        var task = await connection.SubmitAsync(connection.Prepare(request), CancellationToken.None);
        var finished = await connection.WaitAsync(task, TimeSpan.FromSeconds(30), CancellationToken.None);
        var file = await connection.SaveAsync(finished, _harness.Folder.File("lighthouse.mp4"), overwrite: false, null, CancellationToken.None);

        var arrived = _harness.Server.Tasks.Peek(task.Id)!;
        Golden.AssertMatches("replicate", "text-to-video", arrived.Spec.RawBody);
        Assert.Equal("bytedance/seedance-2.0-fast", arrived.Spec.Model);
        Assert.Equal(TaskState.Succeeded, finished.Lifecycle);
        Assert.NotNull(finished.InferenceMs);
        var info = Mp4Inspector.Inspect(file.Path);
        Assert.True(info.IsValid, string.Join("; ", info.Problems));
        Assert.Equal(6.0, info.DurationSeconds, 2);
        Assert.Equal((496, 864), (file.Width, file.Height));
        Assert.False(file.HasAudio);
    }

    [Fact]
    public async Task An_image_url_is_the_first_frame_and_the_webhook_asks_for_completion_only()
    {
        var connection = _harness.Connect(Provider);
        var request = Support.Requests.FromUrl("https://images.example.com/shot.jpg", "slow orbital pan");
        request.WebhookUrl = new Uri("https://hooks.example.com/replicate?job=7");

        var task = await connection.SubmitAsync(connection.Prepare(request), CancellationToken.None);

        Golden.AssertMatches("replicate", "image-to-video", _harness.Server.Tasks.Peek(task.Id)!.Spec.RawBody);
        Assert.Equal(TaskState.Queued, task.Lifecycle);
        Assert.Equal(26, task.Id.Length);
    }

    [Fact]
    public async Task A_small_local_image_travels_inline_as_a_data_uri_and_the_video_is_made()
    {
        var connection = _harness.Connect(Provider);
        var image = _harness.NewImage(name: "cat.png");
        Assert.True(new FileInfo(image).Length <= connection.ProviderInfo.InlineImageLimitBytes);

        var task = await connection.SubmitAsync(connection.Prepare(Support.Requests.ImageToVideo(image)), CancellationToken.None);
        var finished = await connection.WaitAsync(task, TimeSpan.FromSeconds(30), CancellationToken.None);

        using var body = JsonDocument.Parse(_harness.Server.Tasks.Peek(task.Id)!.Spec.RawBody);
        Assert.StartsWith("data:image/png;base64,iVBORw0KGgo", body.RootElement.GetProperty("input").GetProperty("image").GetString());
        Assert.Equal(TaskState.Succeeded, finished.Lifecycle);
        Assert.Equal("cat.png", finished.SourceImage);
        Assert.Equal(0, _harness.Server.Uploads.Count);
    }

    [Fact]
    public async Task A_large_local_image_is_uploaded_through_files_and_sent_as_the_files_url()
    {
        var connection = _harness.Connect(Provider);
        var image = _harness.NewImage(name: "large.png");
        using (var file = new FileStream(image, FileMode.Append))
        {
            // Bytes after IEND are ignored by decoders; they only make the file too large to go inline.
            file.Write(new byte[300 * 1024], 0, 300 * 1024);
        }

        var task = await connection.SubmitAsync(connection.Prepare(Support.Requests.ImageToVideo(image)), CancellationToken.None);

        using var body = JsonDocument.Parse(_harness.Server.Tasks.Peek(task.Id)!.Spec.RawBody);
        var sent = body.RootElement.GetProperty("input").GetProperty("image").GetString();
        Assert.StartsWith(connection.BaseUri.AbsoluteUri.TrimEnd('/') + "/files/", sent);
        Assert.Equal(1, _harness.Server.Uploads.Count);
        Assert.Contains(_harness.Server.RequestsTo(Provider), call => call.Method == "POST" && call.Path.EndsWith("/files", StringComparison.Ordinal));
    }

    [Fact]
    public async Task First_and_last_frames_go_as_image_and_last_frame_image()
    {
        var connection = _harness.Connect(Provider);
        var request = Support.Requests.FromUrl("https://images.example.com/start.jpg", "the door opens");
        request.LastImage = ImageInput.FromUri(new Uri("https://images.example.com/end.jpg"));
        request.DurationSeconds = 8;

        var task = await connection.SubmitAsync(connection.Prepare(request), CancellationToken.None);

        Golden.AssertMatches("replicate", "first-last-frame", _harness.Server.Tasks.Peek(task.Id)!.Spec.RawBody);
    }

    [Fact]
    public async Task Several_images_go_as_reference_images()
    {
        var connection = _harness.Connect(Provider);
        var request = new VideoRequest { Prompt = "[Image1] walks into [Image2]", AspectRatio = "adaptive" };
        foreach (var name in new[] { "hero", "street", "style" })
        {
            request.Images.Add(ImageInput.FromUri(new Uri($"https://images.example.com/{name}.jpg")));
        }

        var task = await connection.SubmitAsync(connection.Prepare(request), CancellationToken.None);

        Golden.AssertMatches("replicate", "reference-images", _harness.Server.Tasks.Peek(task.Id)!.Spec.RawBody);
    }

    [Fact]
    public async Task Seedance_1_pro_takes_camera_fixed_and_1080p()
    {
        var connection = _harness.Connect(Provider);
        var request = Support.Requests.FromUrl("https://images.example.com/shot.jpg", "steady product shot");
        request.Model = "seedance-1-pro";
        request.CameraFixed = true;
        request.DurationSeconds = 10;

        var prepared = connection.Prepare(request);
        var task = await connection.SubmitAsync(prepared, CancellationToken.None);

        Assert.Equal("1080p", prepared.EffectiveResolution);
        Golden.AssertMatches("replicate", "seedance-1-pro", _harness.Server.Tasks.Peek(task.Id)!.Spec.RawBody);
    }

    /// <summary>What the models do not offer: the model (null: the default), the error id and parameter the request is refused with before any request, and how the request is spoilt (the conformance suite runs them).</summary>
    public static TheoryData<string?, string, string, Action<VideoRequest>> Refused => new()
    {
        { null, "DurationNotSupported", "Duration", request => request.DurationSeconds = 3 },
        { null, "DurationNotSupported", "Duration", request => request.DurationSeconds = 16 },
        { null, "ResolutionNotSupported", "Resolution", request => request.Resolution = "1080p" },
        { null, "AspectRatioNotSupported", "AspectRatio", request => request.AspectRatio = "5:4" },
        { null, "ParameterNotSupported", "CameraFixed", request => request.CameraFixed = true },
        { null, "ParameterNotSupported", "Watermark", request => request.Watermark = true },
        { null, "TooManyImages", "Image", request => AddImages(request, 9) },
        { null, "ResolutionNotSupported", "Resolution", request => { request.Model = "seedance-2-0"; request.Resolution = "4k"; } },
        { null, "ParameterNotSupported", "GenerateAudio", request => { request.Model = "seedance-1-pro"; request.GenerateAudio = true; } },
        { null, "TooManyImages", "Image", request => { request.Model = "seedance-1-pro"; AddImages(request, 1); } },
        { null, "DurationNotSupported", "Duration", request => { request.Model = "seedance-1-pro"; request.DurationSeconds = 13; } },
        { null, "TooManyImages", "Image", request => { request.Model = "seedance-1-lite"; AddImages(request, 4); } },
        { null, "AspectRatioNotSupported", "AspectRatio", request => { request.Model = "seedance-1-lite"; request.AspectRatio = "adaptive"; } },
        { null, "ModelNotKnown", "Model", request => request.Model = "bytedance/seedance-1.5-pro" },
    };

    [Fact]
    public void Without_a_model_named_the_seedance_2_fast_model_takes_text_a_frame_or_references()
    {
        var connection = _harness.Connect(Provider);
        var textOnly = connection.Prepare(new VideoRequest { Prompt = "a cat" });
        var references = new VideoRequest { Prompt = "a cat", Model = "seedance-2-0-fast" };
        AddImages(references, 9);

        Assert.Equal("bytedance/seedance-2.0-fast", textOnly.Model.Id);
        Assert.Equal("bytedance/seedance-2.0-fast", connection.Prepare(references).Model.Id);
        Assert.Null(textOnly.EstimatedCost);
        Assert.EndsWith("price not published", textOnly.Summary);
    }

    [Theory]
    [InlineData("LastImage", "LastImageWithReferences")]
    [InlineData("Resolution", "ResolutionNotSupported")]
    public void Combinations_replicate_refuses_are_refused_while_preparing(string parameter, string errorId)
    {
        var connection = _harness.Connect(Provider);
        var request = new VideoRequest { Prompt = "two references" };
        request.Images.Add(ImageInput.FromUri(new Uri("https://images.example.com/a.jpg")));
        request.Images.Add(ImageInput.FromUri(new Uri("https://images.example.com/b.jpg")));
        if (parameter == "LastImage")
        {
            request.LastImage = ImageInput.FromUri(new Uri("https://images.example.com/end.jpg"));
        }
        else
        {
            request.Model = "bytedance/seedance-1-lite";
            request.Resolution = "1080p";
        }

        var error = Assert.Throws<SeedanceException>(() => connection.Prepare(request));

        Assert.Equal(errorId, error.ErrorId);
        Assert.Equal(parameter, error.ParameterName);
        Assert.Equal(SeedanceErrorCategory.Validation, error.Category);
        Assert.Equal(0, _harness.ApiRequests(Provider));
    }

    [Fact]
    public async Task Creates_beyond_the_per_minute_limit_are_rate_limited_and_not_waited_out()
    {
        using var harness = new EmulatorHarness(options => options.SubmitsPerMinute = 1);
        var connection = harness.Connect(Provider, configure: options => options.Http.MaxRetryAfter = TimeSpan.FromSeconds(1));
        await connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl()), CancellationToken.None);

        var error = await Assert.ThrowsAsync<SeedanceException>(() => connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl()), CancellationToken.None));

        Assert.Equal(SeedanceErrorCategory.RateLimited, error.Category);
        Assert.Contains("Request was throttled", error.Message);
        Assert.InRange(error.RetryAfter!.Value.TotalSeconds, 1, 60);
        Assert.False(error.SubmitMayHaveSucceeded);
        Assert.Equal(1, harness.Submits(Provider));
    }

    /// <summary>Submits Replicate refuses with its problem details, whose detail the user reads (the conformance suite runs them).</summary>
    public static TheoryData<SubmitRefusal> SubmitRefusals => new()
    {
        new SubmitRefusal(402, "{\"title\":\"Insufficient credit\",\"detail\":\"You have insufficient credit to run this model. Go to https://replicate.com/account/billing#billing to purchase credit. Once you purchase credit, please wait a few minutes before trying again.\",\"status\":402}", SeedanceErrorCategory.InsufficientBalance,
            "You have insufficient credit to run this model. Go to https://replicate.com/account/billing#billing to purchase credit. Once you purchase credit, please wait a few minutes before trying again."),
        new SubmitRefusal(422, "{\"detail\":\"- input.duration: Must be less than or equal to 15\\n\",\"status\":422,\"title\":\"Input validation failed\",\"invalid_fields\":[{\"type\":\"number_lte\",\"field\":\"input.duration\",\"description\":\"Must be less than or equal to 15\"}]}", SeedanceErrorCategory.Validation,
            "- input.duration: Must be less than or equal to 15"),
        new SubmitRefusal(500, "{\"title\":\"Internal server error\",\"detail\":\"emulated outage\",\"status\":500}", SeedanceErrorCategory.Server, "emulated outage"),
    };

    /// <summary>Replicate's problem details and the category each means (the conformance suite runs them).</summary>
    public static TheoryData<ErrorBody> ErrorBodies => new()
    {
        new ErrorBody(401, "{\"title\":\"Unauthenticated\",\"detail\":\"You did not pass a valid authentication token\",\"status\":401}", SeedanceErrorCategory.Authentication),
        new ErrorBody(402, "{\"title\":\"Insufficient credit\",\"detail\":\"You have insufficient credit to run this model.\",\"status\":402}", SeedanceErrorCategory.InsufficientBalance),
        new ErrorBody(403, "{\"title\":\"Insufficient credit\",\"detail\":\"You have insufficient credit to run this model.\",\"status\":403}", SeedanceErrorCategory.InsufficientBalance),
        new ErrorBody(404, "{\"title\":\"Not found\",\"detail\":\"The requested resource could not be found.\",\"status\":404}", SeedanceErrorCategory.NotFound),
        new ErrorBody(422, "{\"title\":\"Input validation failed\",\"detail\":\"- input: prompt is required\\n\",\"status\":422}", SeedanceErrorCategory.Validation),
        new ErrorBody(422, "{\"title\":\"Input validation failed\",\"detail\":\"The input or output was flagged as sensitive. (E005)\",\"status\":422}", SeedanceErrorCategory.ContentPolicy),
        new ErrorBody(429, "{\"detail\":\"Request was throttled. Your rate limit resets in ~30s.\"}", SeedanceErrorCategory.RateLimited),
    };

    [Fact]
    public void An_aborted_prediction_says_it_missed_its_deadline_and_a_failure_keeps_its_code()
    {
        using var aborted = JsonDocument.Parse("{\"id\":\"x\",\"status\":\"aborted\",\"output\":null,\"error\":null}");
        using var failed = JsonDocument.Parse("{\"id\":\"x\",\"status\":\"failed\",\"error\":\"Prediction interrupted; please retry (code: PA) (E6716)\",\"metrics\":{\"predict_time\":2.25}}");

        var abortedTask = ReplicateProvider.ReadPrediction(aborted.RootElement, new VideoTask("x", Provider, "m"));
        var failedTask = ReplicateProvider.ReadPrediction(failed.RootElement, new VideoTask("x", Provider, "m"));

        Assert.Contains("not started before its deadline", abortedTask.Error);
        Assert.Equal("E6716", failedTask.ErrorCode);
        Assert.Equal(2250, failedTask.InferenceMs);
    }

    private static void AddImages(VideoRequest request, int count)
    {
        for (var i = 0; i < count; i++)
        {
            request.Images.Add(ImageInput.FromUri(new Uri($"https://images.example.com/reference-{i}.jpg")));
        }
    }

    public void Dispose() => _harness.Dispose();
}
