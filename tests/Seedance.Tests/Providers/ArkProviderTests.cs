using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Seedance.Connections;
using Seedance.Emulator.Media;
using Seedance.Emulator.Tasks;
using Seedance.Http;
using Seedance.Media;
using Seedance.Providers;

namespace Seedance.Tests.Providers;

/// <summary>The Ark wire mapping, checked against what arrives at its emulator twin over real HTTP.</summary>
public sealed class ArkProviderTests : IDisposable
{
    private const string Ark = ArkProvider.Name;
    private const string FastId = "dreamina-seedance-2-0-fast-260128";

    private readonly EmulatorHarness _harness = new();

    [Fact]
    public async Task Text_to_video_sends_only_the_chosen_fields()
    {
        var connection = _harness.Connect(Ark);
        var request = new VideoRequest
        {
            Prompt = "a lighthouse at dusk, slow dolly in",
            DurationSeconds = 8,
            Resolution = "480p",
            AspectRatio = "21:9",
            Seed = 42,
            GenerateAudio = false,
            Watermark = false,
        };

        var task = await connection.SubmitAsync(connection.Prepare(request), CancellationToken.None);

        Golden.AssertMatches("ark", "text-to-video", Arrived(task).Spec.RawBody);
        Assert.Equal(FastId, task.Model);
        Assert.Equal(0.45m, task.EstimatedCost);
    }

    [Fact]
    public async Task One_image_is_the_first_frame_and_the_webhook_is_the_callback_url()
    {
        var connection = _harness.Connect(Ark);
        var request = Support.Requests.FromUrl();
        request.WebhookUrl = new Uri("https://hooks.example.com/ark?token=abc");

        var task = await connection.SubmitAsync(connection.Prepare(request), CancellationToken.None);

        Golden.AssertMatches("ark", "image-to-video", Arrived(task).Spec.RawBody);
        Assert.Equal(0.60m, task.EstimatedCost);
    }

    [Fact]
    public async Task A_first_and_a_last_frame_go_with_their_roles()
    {
        var connection = _harness.Connect(Ark);
        var request = Support.Requests.FromUrl("https://images.example.com/start.jpg", "the door opens");
        request.LastImage = ImageInput.FromUri(new Uri("https://images.example.com/end.jpg"));
        request.AspectRatio = "adaptive";
        request.DurationSeconds = 6;

        var task = await connection.SubmitAsync(connection.Prepare(request), CancellationToken.None);

        Golden.AssertMatches("ark", "first-last-frame", Arrived(task).Spec.RawBody);
    }

    [Fact]
    public async Task Several_images_are_reference_images_and_extra_fields_reach_the_body()
    {
        var connection = _harness.Connect(Ark);
        var request = new VideoRequest { Prompt = "[Image 1] the baker walks into [Image 2], holding [Image 3]", Resolution = "720p", GenerateAudio = true };
        foreach (var name in new[] { "baker", "bakery", "bread" })
        {
            request.Images.Add(ImageInput.FromUri(new Uri($"https://images.example.com/{name}.png")));
        }

        request.ExtraFields["execution_expires_after"] = 86400;

        var task = await connection.SubmitAsync(connection.Prepare(request), CancellationToken.None);

        Golden.AssertMatches("ark", "reference-images", Arrived(task).Spec.RawBody);
        Assert.Equal(3, Arrived(task).Spec.ImageCount);
    }

    [Fact]
    public async Task A_local_image_travels_inline_and_the_finished_video_downloads_as_a_valid_mp4()
    {
        var connection = _harness.Connect(Ark);

        var task = await connection.SubmitAsync(connection.Prepare(Support.Requests.ImageToVideo(ArkSizedImage("shot.png"))), CancellationToken.None);
        var finished = await connection.WaitAsync(task, TimeSpan.FromSeconds(30), CancellationToken.None);
        var file = await connection.SaveAsync(finished, _harness.Folder.File("ark.mp4"), overwrite: false, null, CancellationToken.None);

        using var body = JsonDocument.Parse(Arrived(task).Spec.RawBody);
        var image = body.RootElement.GetProperty("content")[1];
        Assert.StartsWith("data:image/png;base64,iVBORw0KGgo", image.GetProperty("image_url").GetProperty("url").GetString());
        Assert.Equal("first_frame", image.GetProperty("role").GetString());
        Assert.Matches(new Regex("^cgt-[0-9]{14}-[a-z0-9]{5}$"), task.Id);
        Assert.Equal(TaskState.Succeeded, finished.Lifecycle);
        Assert.Equal("720p", finished.Resolution);
        Assert.True(Mp4Inspector.Inspect(file.Path).IsValid);
        Assert.Equal((1280, 720), (file.Width, file.Height));
    }

    [Fact]
    public async Task The_volcengine_region_sends_its_own_model_id()
    {
        var connection = _harness.Connect(Ark, configure: options => options.Region = "volcengine");

        var task = await connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl()), CancellationToken.None);

        Golden.AssertMatches("ark", "volcengine", Arrived(task).Spec.RawBody);
        Assert.Equal("doubao-seedance-2-0-fast-260128", task.Model);
        Assert.Equal(ArkProvider.VolcengineRegion, connection.Region);
    }

    [Theory]
    [InlineData("https://ark.cn-beijing.volces.com/api/v3", null, "doubao-seedance-2-0-fast-260128")]
    [InlineData("https://ark.cn-beijing.volces.com/api/v3", "BytePlus", "doubao-seedance-2-0-fast-260128")]
    [InlineData("https://ark.ap-southeast.bytepluses.com/api/v3", null, FastId)]
    [InlineData("https://gateway.example.com/v1", "Volcengine", "doubao-seedance-2-0-fast-260128")]
    [InlineData("https://gateway.example.com/v1", null, FastId)]
    public void The_wire_model_id_follows_the_host_then_the_region(string baseUri, string? region, string expected)
    {
        var provider = new ArkProvider();
        using var http = new SeedanceHttp(Ark, "Bearer", ApiKeySecret.FromPlainText("k", "test"), provider.DescribeFailure, new HttpSettings());
        var context = new ProviderContext(http, new Uri(baseUri)) { Region = region };

        Assert.Equal(expected, provider.WireModelId(context, provider.Info.DefaultModel));
    }

    [Theory]
    [InlineData("seedance-2-0-fast", FastId)]
    [InlineData("doubao-seedance-2-0-fast-260128", FastId)]
    [InlineData("doubao-seedance-1-5-pro-251215", "seedance-1-5-pro-251215")]
    public void Models_are_found_by_the_brief_name_and_by_their_volcengine_id(string name, string expected) =>
        Assert.Equal(expected, new ArkProvider().Info.FindModel(name)!.Id);

    [Theory]
    [InlineData("BytePlus")]
    [InlineData("ModelArk")]
    [InlineData("volcengine")]
    public void The_provider_answers_to_its_aliases(string alias) =>
        Assert.IsType<ArkProvider>(ProviderCatalog.Get(alias));

    [Fact]
    public async Task The_twin_deletes_a_finished_task_and_refuses_a_running_one_in_arks_error_shape()
    {
        using var harness = new EmulatorHarness(options => options.Latency = TimeSpan.FromMilliseconds(50));
        var finished = harness.SeedTask(Ark);
        var stuck = harness.SeedTask(Ark, "#stuck");
        await Task.Delay(200);
        using var client = TwinClient();
        var tasks = harness.Server.BaseUriFor(Ark).AbsoluteUri + "/contents/generations/tasks/";

        using var deleted = await client.DeleteAsync(tasks + finished.Id);
        using var refused = await client.DeleteAsync(tasks + stuck.Id);

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal("{}", await deleted.Content.ReadAsStringAsync());
        Assert.Null(harness.Server.Tasks.Peek(finished.Id));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        using var error = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal("OperationDenied.InvalidState", error.RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    /// <summary>Ark's documented error codes on submit (the conformance suite runs them); not even the 429 is sent again: an exhausted quota does not pass by waiting.</summary>
    public static TheoryData<SubmitRefusal> SubmitRefusals => new()
    {
        ArkRefusal(403, "AccountOverdueError", "Forbidden", SeedanceErrorCategory.InsufficientBalance),
        ArkRefusal(400, "InputImageRiskDetection", "BadRequest", SeedanceErrorCategory.ContentPolicy),
        ArkRefusal(400, "InputTextRiskDetection", "BadRequest", SeedanceErrorCategory.ContentPolicy),
        ArkRefusal(404, "ModelNotOpen", "NotFound", SeedanceErrorCategory.NotFound),
        ArkRefusal(429, "QuotaExceeded", "TooManyRequests", SeedanceErrorCategory.InsufficientBalance),
    };

    /// <summary>Ark's error bodies and the category each means (the conformance suite runs them).</summary>
    public static TheoryData<ErrorBody> ErrorBodies => new()
    {
        new ErrorBody(401, "{\"error\":{\"code\":\"AuthenticationError\",\"message\":\"The API key is invalid.\",\"param\":\"\",\"type\":\"Unauthorized\"}}", SeedanceErrorCategory.Authentication),
        new ErrorBody(403, "{\"error\":{\"code\":\"AccessDenied\",\"message\":\"no access\",\"param\":\"\",\"type\":\"Forbidden\"}}", SeedanceErrorCategory.Authentication),
        new ErrorBody(403, "{\"error\":{\"code\":\"AccountOverdueError\",\"message\":\"overdue\",\"param\":\"\",\"type\":\"Forbidden\"}}", SeedanceErrorCategory.InsufficientBalance),
        new ErrorBody(400, "{\"error\":{\"code\":\"MissingParameter\",\"message\":\"Missing parameter: content\",\"param\":\"content\",\"type\":\"BadRequest\"}}", SeedanceErrorCategory.Validation),
        new ErrorBody(400, "{\"error\":{\"code\":\"InvalidParameter.Duration\",\"message\":\"bad duration\",\"param\":\"duration\",\"type\":\"BadRequest\"}}", SeedanceErrorCategory.Validation),
        new ErrorBody(400, "{\"error\":{\"code\":\"InputImageSensitiveContentDetected.PrivacyInformation\",\"message\":\"real person\",\"param\":\"\",\"type\":\"BadRequest\"}}", SeedanceErrorCategory.ContentPolicy),
        new ErrorBody(404, "{\"error\":{\"code\":\"InvalidEndpointOrModel.NotFound\",\"message\":\"no such model\",\"param\":\"model\",\"type\":\"NotFound\"}}", SeedanceErrorCategory.NotFound),
        new ErrorBody(429, "{\"error\":{\"code\":\"RateLimitExceeded.EndpointRPMExceeded\",\"message\":\"slow down\",\"param\":\"\",\"type\":\"TooManyRequests\"}}", SeedanceErrorCategory.RateLimited),
        new ErrorBody(429, "{\"error\":{\"code\":\"SetLimitExceeded\",\"message\":\"inference limit reached\",\"param\":\"\",\"type\":\"TooManyRequests\"}}", SeedanceErrorCategory.InsufficientBalance),
        new ErrorBody(500, "{\"error\":{\"code\":\"InternalServiceError\",\"message\":\"oops\",\"param\":\"\",\"type\":\"InternalServerError\"}}", SeedanceErrorCategory.Server),
    };

    [Fact]
    public void A_model_not_found_says_that_ids_differ_by_region()
    {
        var failure = new ArkProvider().DescribeFailure(new ApiResponse(HttpStatusCode.NotFound, "{\"error\":{\"code\":\"ModelNotOpen\",\"message\":\"Your account has not activated the model.\"}}", null));

        Assert.Equal("ModelNotOpen", failure.ProviderCode);
        Assert.Contains("-Region", failure.Message);
    }

    [Fact]
    public async Task The_twin_refuses_what_ark_refuses_in_its_own_error_shape()
    {
        var connection = _harness.Connect(Ark);
        var request = Support.Requests.FromUrl();
        request.Model = "seedance-1-5-pro-251215";
        request.ExtraFields["service_tier"] = "turbo";

        var error = await Assert.ThrowsAsync<SeedanceException>(() => connection.SubmitAsync(connection.Prepare(request), CancellationToken.None));

        Assert.Equal(SeedanceErrorCategory.Validation, error.Category);
        Assert.Equal("InvalidParameter", error.ProviderCode);
        Assert.Contains("`service_tier`", error.Message);
        Assert.Equal(0, _harness.Submits(Ark));
    }

    [Theory]
    [InlineData("dreamina-seedance-2-0-mini-260615", 15, "Seedance 2.0 Mini")]
    [InlineData("dreamina-seedance-2-5-260628", 30, "Seedance 2.5")]
    public async Task The_newer_2_x_models_run_end_to_end(string model, int seconds, string family)
    {
        var connection = _harness.Connect(Ark);

        var task = await connection.SubmitAsync(connection.Prepare(new VideoRequest { Prompt = "a pier at dawn", Model = model, DurationSeconds = seconds }), CancellationToken.None);
        var final = await connection.WaitAsync(task, TimeSpan.FromSeconds(20), CancellationToken.None);

        Assert.Equal("Succeeded", final.State);
        Assert.Equal(family, new ArkProvider().Info.FindModel(model)!.Family);
        Assert.Contains($"\"duration\":{seconds}", Arrived(task).Spec.RawBody);
    }

    [Fact]
    public void Many_references_without_a_model_are_refused_rather_than_sent_to_2_5_unasked()
    {
        var request = Support.Requests.FromUrl();
        AddImages(request, 11);

        var error = _harness.AssertRefusedBeforeAnyRequest(Ark, request, ErrorIds.TooManyImages, "Image");

        Assert.Contains("Ark (dreamina-seedance-2-5-260628)", error.Message);
    }

    [Fact]
    public void Seedance_2_refuses_offline_inference_before_any_request_naming_the_ark_models_that_take_it()
    {
        var request = Support.Requests.FromUrl();
        request.ExtraFields["service_tier"] = "flex";

        var error = _harness.AssertRefusedBeforeAnyRequest(Ark, request, ErrorIds.ParameterNotSupported, "ExtraField");

        Assert.Contains("-ExtraField 'service_tier' is not taken by Ark model dreamina-seedance-2-0-fast-260128: Seedance 2.x on Ark has no offline inference (service_tier flex).", error.Message);
        Assert.Contains("Ark (seedance-1-5-pro-251215, seedance-1-0-pro-250528", error.Message);
    }

    [Theory]
    [InlineData("dreamina-seedance-2-0-fast-260128", HttpStatusCode.BadRequest)]
    [InlineData("seedance-1-5-pro-251215", HttpStatusCode.OK)]
    public async Task The_twin_takes_offline_inference_only_before_seedance_2(string model, HttpStatusCode expected)
    {
        using var client = TwinClient();
        var body = $"{{\"model\":\"{model}\",\"content\":[{{\"type\":\"text\",\"text\":\"a pier at dawn\"}}],\"service_tier\":\"flex\"}}";

        using var answer = await client.PostAsync(_harness.Server.BaseUriFor(Ark).AbsoluteUri + "/contents/generations/tasks", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(expected, answer.StatusCode);
    }

    [Fact]
    public async Task The_twin_refuses_an_image_smaller_than_arks_300_pixels()
    {
        // The module refuses such an image before sending it, so the twin is asked directly, as another client would.
        using var client = new HttpClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", EmulatorHarness.Key);
        var image = "data:image/png;base64," + Convert.ToBase64String(File.ReadAllBytes(_harness.NewImage()));
        var body = "{\"model\":\"dreamina-seedance-2-0-fast-260128\",\"content\":[{\"type\":\"text\",\"text\":\"a cat\"},{\"type\":\"image_url\",\"image_url\":{\"url\":\"" + image + "\"}}]}";

        var answer = await client.PostAsync(_harness.Server.BaseUriFor(Ark).AbsoluteUri.TrimEnd('/') + "/contents/generations/tasks", new StringContent(body, Encoding.UTF8, "application/json"));
        var error = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.GetProperty("error");

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal("InvalidParameter", error.GetProperty("code").GetString());
        Assert.Contains("320x180", error.GetProperty("message").GetString());
        Assert.Equal(0, _harness.Submits(Ark));
    }

    /// <summary>What the models do not offer: the model (null: the default), the error id and parameter the request is refused with before any request, and how the request is spoilt (the conformance suite runs them).</summary>
    public static TheoryData<string?, string, string, Action<VideoRequest>> Refused => new()
    {
        { null, "DurationNotSupported", "Duration", request => request.DurationSeconds = 3 },
        { null, "DurationNotSupported", "Duration", request => request.DurationSeconds = 16 },
        { null, "ResolutionNotSupported", "Resolution", request => request.Resolution = "1080p" },
        { null, "AspectRatioNotSupported", "AspectRatio", request => request.AspectRatio = "5:4" },
        { null, "TooManyImages", "Image", request => AddImages(request, 9) },
        { null, "ModelNotKnown", "Model", request => request.Model = "dreamina-seedance-3-0-261231" },
        { null, "TooManyImages", "Image", request => { request.Model = "seedance-1-5-pro-251215"; AddImages(request, 1); } },
        { null, "TooManyImages", "Image", request => request.Model = "seedance-1-0-lite-t2v-250428" },
        { null, "ParameterNotSupported", "LastImage", request => { request.Model = "seedance-1-0-pro-250528"; request.LastImage = ImageInput.FromUri(new Uri("https://images.example.com/end.jpg")); } },
        { null, "ParameterNotSupported", "GenerateAudio", request => { request.Model = "seedance-1-0-pro-fast-251015"; request.GenerateAudio = true; } },
        { null, "DurationNotSupported", "Duration", request => { request.Model = "seedance-1-5-pro-251215"; request.DurationSeconds = 15; } },
        { null, "ResolutionNotSupported", "Resolution", request => { request.Model = "dreamina-seedance-2-0-260128"; request.Resolution = "4k"; } },
        { null, "ParameterNotSupported", "CameraFixed", request => request.CameraFixed = true },
        { null, "ParameterNotSupported", "CameraFixed", request => { request.Model = "dreamina-seedance-2-0-260128"; request.CameraFixed = true; } },
        { null, "LastImageWithoutFirst", "LastImage", request => { request.Images.Clear(); request.LastImage = ImageInput.FromUri(new Uri("https://images.example.com/end.jpg")); } },
    };

    [Fact]
    public async Task A_last_frame_with_reference_images_is_refused_before_any_request()
    {
        var connection = _harness.Connect(Ark);
        var request = Support.Requests.FromUrl();
        AddImages(request, 1);
        request.LastImage = ImageInput.FromUri(new Uri("https://images.example.com/end.jpg"));

        var error = await Assert.ThrowsAsync<SeedanceException>(() => connection.SubmitAsync(connection.Prepare(request), CancellationToken.None));

        Assert.Equal("LastImageWithReferences", error.ErrorId);
        Assert.Equal(SeedanceErrorCategory.Validation, error.Category);
        Assert.Equal(0, _harness.ApiRequests(Ark));
    }

    [Fact]
    public void The_derived_prices_follow_the_token_formula()
    {
        var fast = new ArkProvider().Info.DefaultModel;

        // 1280 x 720 x 24 / 1024 = 21,600 tokens a second at $5.60 per million; 864 x 496 gives 10,044.
        Assert.Equal(21600m * 5.60m / 1_000_000m, fast.PriceAt("720p"));
        Assert.Equal(10044m * 5.60m / 1_000_000m, fast.PriceAt("480p"));
    }

    [Fact]
    public void A_task_answer_gives_the_videos_duration()
    {
        using var data = JsonDocument.Parse("{\"id\":\"cgt-1\",\"status\":\"running\",\"content\":null,\"error\":null,\"created_at\":1787869631,\"updated_at\":1787869648,\"duration\":5}");

        Assert.Equal(5, ArkProvider.ReadTask(data.RootElement, new VideoTask("cgt-1", Ark, FastId)).DurationSeconds);
    }

    [Fact]
    public async Task Recent_tasks_are_listed_by_ark_with_filters()
    {
        using var harness = new EmulatorHarness(options => options.Latency = TimeSpan.FromMilliseconds(100));
        var connection = harness.Connect(Ark);
        var provider = (ArkProvider)ProviderCatalog.Get(Ark);
        var submitted = new[]
        {
            await connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl()), CancellationToken.None),
            await connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl(prompt: "#stuck")), CancellationToken.None),
            await connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl()), CancellationToken.None),
        };
        await connection.WaitAsync(submitted[2], TimeSpan.FromSeconds(30), CancellationToken.None);

        var byId = await provider.ListRecentAsync(connection.Context, taskIds: new[] { submitted[0].Id, submitted[1].Id });
        var running = await provider.ListRecentAsync(connection.Context, TaskState.Running);
        var all = await provider.ListRecentAsync(connection.Context, pageSize: 2);

        Assert.Equal(new[] { submitted[1].Id, submitted[0].Id }, byId.Select(task => task.Id));
        Assert.Equal(submitted[1].Id, Assert.Single(running).Id);
        Assert.Equal(new[] { submitted[2].Id, submitted[1].Id }, all.Select(task => task.Id));
        Assert.Equal(TaskState.Succeeded, all[0].Lifecycle);
        Assert.NotNull(all[0].VideoUrl);
        Assert.Equal(FastId, all[0].Model);
        Assert.Contains(harness.Server.Requests, request => request.Method == "GET" && request.Path.EndsWith("/contents/generations/tasks", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Callbacks_post_the_task_as_a_status_answer_shows_it()
    {
        using var receiver = new WebhookReceiver();
        var connection = _harness.Connect(Ark);
        var request = Support.Requests.FromUrl();
        request.WebhookUrl = receiver.Url;

        var task = await connection.SubmitAsync(connection.Prepare(request), CancellationToken.None);
        var statuses = new List<string>();
        JsonDocument final;
        do
        {
            final = JsonDocument.Parse((await receiver.NextAsync(TimeSpan.FromSeconds(20))).Body);
            statuses.Add(final.RootElement.GetProperty("status").GetString()!);
        }
        while (statuses[^1] != "succeeded");

        var snapshot = ArkProvider.ReadTask(final.RootElement, new VideoTask(task.Id, Ark, task.Model));
        Assert.Equal(TaskState.Succeeded, snapshot.Lifecycle);
        Assert.Equal(task.Id, final.RootElement.GetProperty("id").GetString());
        Assert.NotNull(snapshot.VideoUrl);
        Assert.Contains(statuses, status => status is "queued" or "running");
    }

    [Fact]
    public async Task A_last_frame_asked_for_comes_back_as_a_png_the_size_of_the_video()
    {
        var connection = _harness.Connect(Ark);
        var request = Support.Requests.FromUrl();
        request.Resolution = "480p";
        request.AspectRatio = "9:16";
        request.ReturnLastFrame = true;
        var task = await connection.WaitAsync(await connection.SubmitAsync(connection.Prepare(request), CancellationToken.None), TimeSpan.FromSeconds(30), CancellationToken.None);
        using var client = TwinClient();

        using var answer = JsonDocument.Parse(await client.GetStringAsync(_harness.Server.BaseUriFor(Ark).AbsoluteUri + "/contents/generations/tasks/" + task.Id));
        var png = await client.GetByteArrayAsync(answer.RootElement.GetProperty("content").GetProperty("last_frame_url").GetString());

        Assert.Equal((496, 864), Seedance.Emulator.Files.ImageDimensions.Of(png)); // Seedance 2.x at 480p 9:16
        Assert.True(answer.RootElement.GetProperty("usage").GetProperty("completion_tokens").GetInt64() > 0);
    }

    [Theory]
    [InlineData("dreamina-seedance-2-0-fast-260128", 400)]
    [InlineData("seedance-1-5-pro-251215", 200)]
    public async Task The_twin_takes_camera_fixed_only_on_the_models_that_have_it(string model, int status)
    {
        using var client = TwinClient();
        var body = $"{{\"model\":\"{model}\",\"content\":[{{\"type\":\"text\",\"text\":\"a pier\"}}],\"camera_fixed\":true}}";

        using var answer = await client.PostAsync(_harness.Server.BaseUriFor(Ark).AbsoluteUri + "/contents/generations/tasks", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(status, (int)answer.StatusCode);
        if (status == 400)
        {
            Assert.Contains("camera_fixed", await answer.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Seedance_1_5_Pro_still_sends_camera_fixed()
    {
        var connection = _harness.Connect(Ark);
        var request = new VideoRequest { Model = "seedance-1-5-pro-251215", Prompt = "a pier at dawn", CameraFixed = true };

        var task = await connection.SubmitAsync(connection.Prepare(request), CancellationToken.None);

        using var sent = JsonDocument.Parse(Arrived(task).Spec.RawBody);
        Assert.True(sent.RootElement.GetProperty("camera_fixed").GetBoolean());
    }

    /// <summary>A plain HTTP client with the emulator's key, for what the provider does not expose.</summary>
    private static HttpClient TwinClient()
    {
        var client = new HttpClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", EmulatorHarness.Key);
        return client;
    }

    private EmulatedTask Arrived(VideoTask task) => _harness.Server.Tasks.Peek(task.Id)!;

    /// <summary>A PNG within Ark's 300 to 6000 pixel sides (the harness's own images are 320x180).</summary>
    private string ArkSizedImage(string name)
    {
        var path = _harness.Folder.File(name);
        SampleImage.WritePng(path, 640, 360, 3);
        return path;
    }

    private static SubmitRefusal ArkRefusal(int status, string code, string type, SeedanceErrorCategory category) =>
        new(status, $"{{\"error\":{{\"code\":\"{code}\",\"message\":\"refused by the emulated Ark. Request id: 021\",\"param\":\"\",\"type\":\"{type}\"}}}}", category, "refused by the emulated Ark", code);

    private static void AddImages(VideoRequest request, int count)
    {
        for (var i = 0; i < count; i++)
        {
            request.Images.Add(ImageInput.FromUri(new Uri($"https://images.example.com/extra-{i}.png")));
        }
    }

    public void Dispose() => _harness.Dispose();
}
