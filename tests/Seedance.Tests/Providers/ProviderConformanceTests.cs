using Seedance.Emulator.Faults;
using Seedance.Http;
using Seedance.Emulator.Tasks;
using Seedance.Media;
using Seedance.Providers;

namespace Seedance.Tests.Providers;

/// <summary>
/// What every provider must do the same way, over real HTTP against its twin: a local image becomes a verified
/// video, a failed generation and a moderation refusal end as failures users can tell apart, a wrong key never
/// shows itself, every status word means one state, a cancel does what the provider offers, what a model does
/// not take is refused before any request, and the model data is consistent. Provider-specific wire details
/// (and each provider's list of what its models do not take) are in the per-provider files.
/// </summary>
public sealed class ProviderConformanceTests
{
    public static TheoryData<string> Providers => new(ProviderCatalog.Names);

    /// <summary>The code each twin reports for a failed generation, as its provider does (null: it gives none).</summary>
    public static TheoryData<string, string?> FailureCodes => new()
    {
        { "WaveSpeed", null },
        { "AIMLAPI", "GenerationError" },
        { "Ark", "InternalServiceError" },
        { "fal", "runner_server_error" },
        { "Replicate", null },
        { "AtlasCloud", null },
    };

    /// <summary>The code each twin reports for a moderation refusal (null: it gives none).</summary>
    public static TheoryData<string, string?> RefusalCodes => new()
    {
        { "WaveSpeed", "nsfw" },
        { "AIMLAPI", "OutputVideoSensitiveContentDetected" },
        { "Ark", "OutputVideoSensitiveContentDetected" },
        { "fal", "content_policy_violation" },
        { "Replicate", "E005" },
        { "AtlasCloud", null },
    };

    /// <summary>Status answers as each provider words them, the state each means, and whether it carries an error (null: unchecked).</summary>
    public static TheoryData<string, string, TaskState, bool?> StatusAnswers => new()
    {
        { "WaveSpeed", WaveSpeedStatus("created", "[]"), TaskState.Queued, null },
        { "WaveSpeed", WaveSpeedStatus("processing", "[]"), TaskState.Running, null },
        { "WaveSpeed", WaveSpeedStatus("completed", "[\"https://cdn.wavespeed.ai/v.mp4\"]"), TaskState.Succeeded, null },
        { "WaveSpeed", WaveSpeedStatus("completed", "[]"), TaskState.Failed, null },
        { "WaveSpeed", WaveSpeedStatus("failed", "[]"), TaskState.Failed, null },
        { "WaveSpeed", WaveSpeedStatus("timeout", "[]"), TaskState.Failed, null },
        { "WaveSpeed", WaveSpeedStatus("cancelled", "[]"), TaskState.Cancelled, null },
        { "WaveSpeed", WaveSpeedStatus("deleted", "[]"), TaskState.Cancelled, null },
        { "AIMLAPI", AimlApiStatus("queued", null), TaskState.Queued, false },
        { "AIMLAPI", AimlApiStatus("waiting", null), TaskState.Queued, false },
        { "AIMLAPI", AimlApiStatus("generating", null), TaskState.Running, false },
        { "AIMLAPI", AimlApiStatus("active", null), TaskState.Running, false },
        { "AIMLAPI", AimlApiStatus("completed", "https://cdn.aimlapi.com/flamingo/files/b/v.mp4"), TaskState.Succeeded, false },
        { "AIMLAPI", AimlApiStatus("completed", null), TaskState.Failed, true },
        { "AIMLAPI", AimlApiStatus("error", null), TaskState.Failed, true },
        { "Ark", ArkStatus("queued", null), TaskState.Queued, false },
        { "Ark", ArkStatus("running", null), TaskState.Running, false },
        { "Ark", ArkStatus("succeeded", "https://ark-content.example.com/v.mp4"), TaskState.Succeeded, false },
        { "Ark", ArkStatus("succeeded", null), TaskState.Failed, true },
        { "Ark", ArkStatus("failed", null), TaskState.Failed, true },
        { "Ark", ArkStatus("cancelled", null), TaskState.Cancelled, false },
        { "Ark", ArkStatus("expired", null), TaskState.Expired, true },
        { "Replicate", ReplicateStatus("starting", "null", false), TaskState.Queued, false },
        { "Replicate", ReplicateStatus("processing", "null", false), TaskState.Running, false },
        { "Replicate", ReplicateStatus("succeeded", "\"https://replicate.delivery/xezq/output.mp4\"", false), TaskState.Succeeded, false },
        { "Replicate", ReplicateStatus("succeeded", "[\"https://replicate.delivery/xezq/output.mp4\"]", false), TaskState.Succeeded, false },
        { "Replicate", ReplicateStatus("succeeded", "null", false), TaskState.Failed, true },
        { "Replicate", ReplicateStatus("succeeded", "null", true), TaskState.Expired, true },
        { "Replicate", ReplicateStatus("failed", "null", false), TaskState.Failed, true },
        { "Replicate", ReplicateStatus("canceled", "null", false), TaskState.Cancelled, false },
        { "Replicate", ReplicateStatus("aborted", "null", false), TaskState.Cancelled, true },
        { "AtlasCloud", AtlasCloudStatus("starting", "[]"), TaskState.Queued, false },
        { "AtlasCloud", AtlasCloudStatus("created", "[]"), TaskState.Queued, false },
        { "AtlasCloud", AtlasCloudStatus("processing", "[]"), TaskState.Running, false },
        { "AtlasCloud", AtlasCloudStatus("completed", "[\"https://storage.atlascloud.ai/outputs/result.mp4\"]"), TaskState.Succeeded, false },
        { "AtlasCloud", AtlasCloudStatus("succeeded", "[\"https://storage.atlascloud.ai/outputs/result.mp4\"]"), TaskState.Succeeded, false },
        { "AtlasCloud", AtlasCloudStatus("completed", "[]"), TaskState.Failed, true },
        { "AtlasCloud", AtlasCloudStatus("failed", "[]"), TaskState.Failed, true },
        { "AtlasCloud", AtlasCloudStatus("timeout", "[]"), TaskState.Failed, true },
    };

    /// <summary>
    /// Cancelling a queued task and then a running one, where the provider can cancel: what each cancel reports,
    /// what the task is then, what became of it at the provider (null: its record is gone), and what a refresh of
    /// the queued one shows (null: not asked, the record being gone).
    /// </summary>
    public static TheoryData<CancelCase> Cancels => new()
    {
        new CancelCase("Ark", CancelOutcome.Cancelled, EmulatedTaskState.Cancelled, CancelOutcome.NotSupported, TaskState.Running, EmulatedTaskState.Running, TaskState.Cancelled, null),
        new CancelCase("fal", CancelOutcome.Cancelled, EmulatedTaskState.Cancelled, CancelOutcome.Requested, TaskState.Running, EmulatedTaskState.Running, TaskState.Cancelled, "client_cancelled"),
        new CancelCase("Replicate", CancelOutcome.Cancelled, EmulatedTaskState.Cancelled, CancelOutcome.Cancelled, TaskState.Cancelled, EmulatedTaskState.Cancelled, TaskState.Cancelled, null),
        new CancelCase("WaveSpeed", CancelOutcome.Cancelled, null, CancelOutcome.Requested, TaskState.Running, EmulatedTaskState.Running, null, null),
    };

    public static TheoryData<string> ProvidersWithoutCancel => new() { "AIMLAPI", "AtlasCloud" };

    /// <summary>Every provider, with a rate-limited submit that names no wait and one that says Retry-After: 0.</summary>
    public static TheoryData<string, int?> RateLimitedSubmits
    {
        get
        {
            var data = new TheoryData<string, int?>();
            foreach (var provider in ProviderCatalog.Names)
            {
                data.Add(provider, null);
                data.Add(provider, 0);
            }

            return data;
        }
    }

    /// <summary>The words each provider's answer about a task it does not know carries (null: unchecked).</summary>
    public static TheoryData<string, string?> UnknownTaskWords => new()
    {
        { "WaveSpeed", "prediction not found" },
        { "AIMLAPI", null },
        { "Ark", null },
        { "fal", null },
        { "Replicate", null },
        { "AtlasCloud", "prediction not found" },
    };

    /// <summary>Every provider's list of requests its models do not take (kept in the provider's own test file).</summary>
    public static TheoryData<string, string?, string, string, Action<VideoRequest>> RefusedRequests
    {
        get
        {
            var data = new TheoryData<string, string?, string, string, Action<VideoRequest>>();
            foreach (var (provider, row) in Rows(
                ("WaveSpeed", WaveSpeedProviderTests.Refused),
                ("AIMLAPI", AimlApiProviderTests.Refused),
                ("Ark", ArkProviderTests.Refused),
                ("fal", FalProviderTests.Refused),
                ("Replicate", ReplicateProviderTests.Refused),
                ("AtlasCloud", AtlasCloudProviderTests.Refused)))
            {
                data.Add(provider, (string?)row[0], (string)row[1]!, (string)row[2]!, (Action<VideoRequest>)row[3]!);
            }

            return data;
        }
    }

    /// <summary>Every provider's refused submits in its own error bodies (kept in the provider's own test file).</summary>
    public static TheoryData<string, SubmitRefusal> SubmitRefusals => OnePerRow<SubmitRefusal>(
        ("AIMLAPI", AimlApiProviderTests.SubmitRefusals),
        ("Ark", ArkProviderTests.SubmitRefusals),
        ("fal", FalProviderTests.SubmitRefusals),
        ("Replicate", ReplicateProviderTests.SubmitRefusals),
        ("AtlasCloud", AtlasCloudProviderTests.SubmitRefusals));

    /// <summary>Error bodies as the providers document them (kept in the provider's own test file).</summary>
    public static TheoryData<string, ErrorBody> ErrorBodies => OnePerRow<ErrorBody>(
        ("WaveSpeed", WaveSpeedProviderTests.ErrorBodies),
        ("Ark", ArkProviderTests.ErrorBodies),
        ("Replicate", ReplicateProviderTests.ErrorBodies),
        ("AtlasCloud", AtlasCloudProviderTests.ErrorBodies));

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_local_image_becomes_a_verified_video_and_a_journalled_file(string provider)
    {
        using var harness = new EmulatorHarness();
        var connection = harness.Connect(provider);
        var image = harness.NewImage(width: 400, height: 304);

        var task = await connection.SubmitAsync(connection.Prepare(Support.Requests.ImageToVideo(image)), CancellationToken.None);
        var finished = await connection.WaitAsync(task, TimeSpan.FromSeconds(30), CancellationToken.None);
        var file = await connection.SaveAsync(finished, Path.Combine(harness.Folder.Path, "videos", task.Id + ".mp4"), false, null, CancellationToken.None);

        Assert.Equal(TaskState.Succeeded, finished.Lifecycle);
        Assert.True(Mp4Inspector.Inspect(file.Path).IsValid);
        Assert.Equal(5.0, file.DurationSeconds, 2);
        Assert.Equal(Path.GetFileName(image), task.SourceImage);
        Assert.False(harness.Journal.ReadAll().Single().IsPending);
    }

    [Theory]
    [MemberData(nameof(FailureCodes))]
    public async Task A_failed_generation_ends_as_a_server_failure_with_the_providers_reason(string provider, string? failCode)
    {
        var final = await RunAsync(provider, "a cat #fail");

        Assert.Equal(TaskState.Failed, final.Lifecycle);
        Assert.Equal(SeedanceErrorCategory.Server, final.FailureKind);
        Assert.False(string.IsNullOrWhiteSpace(final.Error));
        Assert.Null(final.VideoUrl);
        if (failCode is not null)
        {
            Assert.Equal(failCode, final.ErrorCode);
        }
    }

    [Theory]
    [MemberData(nameof(RefusalCodes))]
    public async Task A_moderation_refusal_ends_as_a_content_policy_failure(string provider, string? refusalCode)
    {
        var final = await RunAsync(provider, "a cat #nsfw");

        Assert.Equal(TaskState.Failed, final.Lifecycle);
        Assert.Equal(SeedanceErrorCategory.ContentPolicy, final.FailureKind);
        if (refusalCode is not null)
        {
            Assert.Equal(refusalCode, final.ErrorCode);
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_wrong_key_is_an_authentication_error_that_never_shows_the_key(string provider)
    {
        const string wrongKey = "live-key-that-is-not-the-key-7f3e91";
        using var harness = new EmulatorHarness();
        var connection = harness.Connect(provider, key: wrongKey);

        var error = await Assert.ThrowsAsync<SeedanceException>(() => connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl()), CancellationToken.None));

        Assert.Equal(SeedanceErrorCategory.Authentication, error.Category);
        Assert.Equal(401, error.StatusCode);
        Assert.DoesNotContain(wrongKey, error.ToString());
        Assert.Equal(0, harness.Submits(provider));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void The_default_model_is_Seedance_2_0_Fast_and_answers_to_the_briefs_id(string provider)
    {
        var info = ProviderCatalog.Get(provider).Info;

        Assert.Contains("2.0 Fast", info.DefaultModel.Family);
        Assert.Same(info.DefaultModel, info.FindModel("seedance-2-0-fast"));
        Assert.NotEmpty(info.KeyVariables);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Every_model_is_consistent_data(string provider)
    {
        foreach (var model in ProviderCatalog.Get(provider).Info.Models)
        {
            Assert.Contains(model.DefaultDuration, model.Durations);
            Assert.InRange(model.MinImages, 0, model.MaxImages);
            Assert.True(model.Resolutions.Count == 0 || model.Resolutions.Contains(model.DefaultResolution), $"{model}: default resolution {model.DefaultResolution} is not offered");
            Assert.All(model.PricePerSecond.Keys, resolution => Assert.True(model.Resolutions.Contains(resolution) || resolution == model.DefaultResolution, $"{model}: priced at {resolution}, which it does not offer"));
            Assert.All(model.PricePerSecond.Values, price => Assert.InRange(price, 0.001m, 5m));
            Assert.True(model.ImageHandling == ImageUse.None ? model.MaxImages == 0 : model.MaxImages > 0, $"{model}: image use {model.ImageHandling} with {model.MaxImages} images");
        }
    }

    [Theory]
    [MemberData(nameof(StatusAnswers))]
    public async Task Every_status_word_means_one_state(string provider, string answer, TaskState expected, bool? hasError)
    {
        using var harness = new EmulatorHarness(options => options.Faults.Add(new FaultRule { Endpoint = "status", Action = FaultAction.Status, StatusCode = 200, Body = answer }));
        var connection = harness.Connect(provider);

        var task = await connection.RefreshAsync(new VideoTask("x", provider, connection.ProviderInfo.DefaultModel.Id), CancellationToken.None);

        Assert.Equal(expected, task.Lifecycle);
        Assert.Equal(expected == TaskState.Succeeded, task.VideoUrl is not null);
        Assert.Equal(expected.IsFinal(), task.CompletedAt is not null);
        if (hasError is { } error)
        {
            Assert.Equal(error, task.Error is not null);
        }
    }

    [Theory]
    [MemberData(nameof(Cancels))]
    public async Task A_queued_task_is_cancelled_and_a_running_one_as_far_as_the_provider_goes(CancelCase expected)
    {
        using var harness = new EmulatorHarness(options => { options.ConcurrencyLimit = 1; options.Latency = TimeSpan.FromSeconds(30); });
        var connection = harness.Connect(expected.Provider);
        var running = await connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl()), CancellationToken.None);
        var queued = await connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl()), CancellationToken.None);

        var (queuedOutcome, queuedTask) = await connection.CancelAsync(queued, CancellationToken.None);
        var (runningOutcome, runningTask) = await connection.CancelAsync(running, CancellationToken.None);

        Assert.Equal(expected.Queued, queuedOutcome);
        Assert.Equal(TaskState.Cancelled, queuedTask.Lifecycle);
        Assert.Equal(expected.QueuedAtProvider, harness.Server.Tasks.Peek(queued.Id)?.State);
        Assert.Equal(expected.Running, runningOutcome);
        Assert.Equal(expected.RunningAfter, runningTask.Lifecycle);
        Assert.Equal(expected.RunningAtProvider, harness.Server.Tasks.Peek(running.Id)!.State);
        Assert.Equal(2, harness.Server.Options.Faults.CallsTo("cancel"));
        if (expected.QueuedRefreshed is { } refreshedState)
        {
            var refreshed = await connection.RefreshAsync(queued, CancellationToken.None);
            Assert.Equal(refreshedState, refreshed.Lifecycle);
            Assert.Equal(expected.QueuedErrorCode, refreshed.ErrorCode);
        }
    }

    [Theory]
    [MemberData(nameof(ProvidersWithoutCancel))]
    public async Task Where_cancel_is_not_offered_no_cancel_request_is_made_and_the_task_runs_on(string provider)
    {
        using var harness = new EmulatorHarness(options => options.Latency = TimeSpan.FromSeconds(30));
        var connection = harness.Connect(provider);
        var task = await connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl()), CancellationToken.None);

        var (outcome, current) = await connection.CancelAsync(task, CancellationToken.None);

        Assert.Equal(CancelOutcome.NotSupported, outcome);
        Assert.Equal(TaskState.Running, current.Lifecycle);
        Assert.Null(connection.ProviderInfo.CancelBehaviour);
        Assert.Equal(EmulatedTaskState.Running, harness.Server.Tasks.Peek(task.Id)!.State);
        Assert.Single(harness.Server.RequestsTo(provider), request => request.Method == "POST");
        Assert.All(harness.Server.RequestsTo(provider), request => Assert.Contains(request.Method, new[] { "POST", "GET" }));
    }

    [Theory]
    [MemberData(nameof(RateLimitedSubmits))]
    public async Task A_rate_limited_submit_is_sent_again_and_goes_through_once(string provider, int? retryAfterSeconds)
    {
        using var harness = new EmulatorHarness(options => options.Faults.Add(new FaultRule { Provider = provider, Endpoint = "submit", Calls = { 1 }, Action = FaultAction.Status, StatusCode = 429, RetryAfterSeconds = retryAfterSeconds }));
        var connection = harness.Connect(provider);

        var task = await connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl()), CancellationToken.None);

        Assert.Equal(2, harness.Server.Options.Faults.CallsTo("submit"));
        Assert.Equal(1, harness.Submits(provider));
        Assert.NotNull(harness.Server.Tasks.Peek(task.Id));
    }

    [Theory]
    [MemberData(nameof(UnknownTaskWords))]
    public async Task A_task_the_provider_does_not_know_is_not_found(string provider, string? words)
    {
        using var harness = new EmulatorHarness();
        var connection = harness.Connect(provider);

        var error = await Assert.ThrowsAsync<SeedanceException>(() => connection.RefreshAsync(new VideoTask("no-such-task-0000", provider, connection.ProviderInfo.DefaultModel.Id), CancellationToken.None));

        Assert.Equal(SeedanceErrorCategory.NotFound, error.Category);
        if (words is not null)
        {
            Assert.Contains(words, error.Message);
        }
    }

    [Theory]
    [MemberData(nameof(RefusedRequests))]
    public void What_a_model_does_not_offer_is_refused_before_any_request(string provider, string? model, string errorId, string parameter, Action<VideoRequest> spoil)
    {
        using var harness = new EmulatorHarness();
        var request = Support.Requests.FromUrl();
        request.Model = model;
        spoil(request);

        harness.AssertRefusedBeforeAnyRequest(provider, request, errorId, parameter);
    }

    [Theory]
    [MemberData(nameof(SubmitRefusals))]
    public async Task A_refused_submit_reaches_the_user_in_its_category_and_the_providers_words_and_is_sent_once(string provider, SubmitRefusal refusal)
    {
        using var harness = new EmulatorHarness(options => options.Faults.Add(new FaultRule { Provider = provider, Endpoint = "submit", Action = FaultAction.Status, StatusCode = refusal.Status, Body = refusal.Body }));
        var connection = harness.Connect(provider);

        var error = await Assert.ThrowsAsync<SeedanceException>(() => connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl()), CancellationToken.None));

        Assert.Equal(refusal.Category, error.Category);
        Assert.Equal(refusal.Status, error.StatusCode);
        Assert.Equal(1, harness.Server.Options.Faults.CallsTo("submit"));
        if (refusal.Status < 500)
        {
            // A refusal is an answer: the task was not created, so it is safe to submit again.
            Assert.False(error.SubmitMayHaveSucceeded);
        }

        if (refusal.Words is { } words)
        {
            Assert.Contains(words, error.Message);
        }

        if (refusal.ProviderCode is { } code)
        {
            Assert.Equal(code, error.ProviderCode);
        }
    }

    [Theory]
    [MemberData(nameof(ErrorBodies))]
    public void An_error_body_means_its_category_and_its_message_is_the_providers_text(string provider, ErrorBody answer)
    {
        var failure = ProviderCatalog.Get(provider).DescribeFailure(new ApiResponse((System.Net.HttpStatusCode)answer.Status, answer.Body, null));

        Assert.Equal(answer.Category, failure.Category);
        Assert.False(string.IsNullOrWhiteSpace(failure.Message));
        Assert.DoesNotContain("{", failure.Message);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void A_gateway_page_instead_of_json_is_a_server_error_with_a_message(string provider)
    {
        var failure = ProviderCatalog.Get(provider).DescribeFailure(new ApiResponse(System.Net.HttpStatusCode.BadGateway, "<html>Bad Gateway</html>", null));

        Assert.Equal(SeedanceErrorCategory.Server, failure.Category);
        Assert.False(string.IsNullOrWhiteSpace(failure.Message));
        Assert.DoesNotContain("{", failure.Message);
    }

    private static async Task<VideoTask> RunAsync(string provider, string prompt)
    {
        using var harness = new EmulatorHarness(options => options.Latency = TimeSpan.FromMilliseconds(100));
        var connection = harness.Connect(provider);
        var task = await connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl(prompt: prompt)), CancellationToken.None);
        return await connection.WaitAsync(task, TimeSpan.FromSeconds(30), CancellationToken.None);
    }

    private static string WaveSpeedStatus(string status, string outputs) =>
        $"{{\"code\":200,\"message\":\"success\",\"data\":{{\"id\":\"x\",\"status\":\"{status}\",\"outputs\":{outputs},\"error\":\"\",\"has_nsfw_contents\":[false],\"timings\":{{\"inference\":1234}}}}}}";

    private static string AimlApiStatus(string status, string? url) =>
        $"{{\"id\":\"x\",\"status\":\"{status}\",\"video\":{(url is null ? "null" : $"{{\"url\":\"{url}\"}}")},\"error\":null}}";

    private static string ArkStatus(string status, string? video) =>
        $"{{\"id\":\"x\",\"status\":\"{status}\",\"content\":{(video is null ? "null" : $"{{\"video_url\":\"{video}\"}}")},\"error\":null,\"created_at\":1787869631,\"updated_at\":1787869648,\"duration\":5}}";

    private static string ReplicateStatus(string status, string output, bool dataRemoved) =>
        $"{{\"id\":\"x\",\"status\":\"{status}\",\"output\":{output},\"data_removed\":{(dataRemoved ? "true" : "false")},\"error\":null,\"metrics\":{{\"predict_time\":12.5}}}}";

    private static string AtlasCloudStatus(string status, string outputs) =>
        $"{{\"code\":200,\"message\":\"success\",\"data\":{{\"id\":\"x\",\"status\":\"{status}\",\"outputs\":{outputs},\"error\":null,\"metrics\":{{\"predict_time\":45.2}},\"created_at\":\"2025-01-01T00:00:00Z\",\"completed_at\":\"2025-01-01T00:00:45Z\"}}}}";

    /// <summary>Each provider's rows of one table, with the provider's name.</summary>
    private static IEnumerable<(string Provider, object?[] Row)> Rows(params (string Provider, IEnumerable<object?[]> Rows)[] lists) =>
        lists.SelectMany(list => list.Rows.Select(row => (list.Provider, row)));

    private static TheoryData<string, T> OnePerRow<T>(params (string Provider, IEnumerable<object?[]> Rows)[] lists)
    {
        var data = new TheoryData<string, T>();
        foreach (var (provider, row) in Rows(lists))
        {
            data.Add(provider, (T)row[0]!);
        }

        return data;
    }

    /// <summary>What cancelling a queued and then a running task does at one provider (see <see cref="Cancels"/>).</summary>
    public sealed record CancelCase(string Provider, CancelOutcome Queued, EmulatedTaskState? QueuedAtProvider, CancelOutcome Running, TaskState RunningAfter, EmulatedTaskState RunningAtProvider, TaskState? QueuedRefreshed, string? QueuedErrorCode)
    {
        public override string ToString() => Provider;
    }
}
