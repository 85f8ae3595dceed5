using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Seedance.Http;
using Seedance.Media;
using Seedance.Providers.Models;
using Seedance.Requests;
using Seedance.Tasks;
using Seedance.Webhooks;

namespace Seedance.Providers;

/// <summary>
/// fal.ai's queue: <c>POST {base}/{endpoint-id}</c> (webhook as <c>?fal_webhook=</c>), then status, result and
/// cancel under the app's own path <c>{owner}/{alias}/requests/{id}</c> — never under the endpoint's sub-path.
/// A request that failed still reaches COMPLETED; the failure is the HTTP error its result answers with.
/// Local images up to <see cref="InlineLimit"/> travel as data: URIs, larger ones through fal's storage upload.
/// The platform API (<c>api.fal.ai/v1</c>) lists the key's requests, which finds one whose submit answer was lost.
/// </summary>
public sealed class FalProvider : IVideoProvider, IFileUploader, ITaskLister, ISignedWebhookSource
{
    public const string Name = "fal";

    /// <summary>
    /// Small images go inline: one request, nothing stored. Larger ones are uploaded first, because the submit is
    /// the one call never repeated, and a submit carrying megabytes of base64 is the likeliest to time out with
    /// its outcome unknown (fal also keeps request payloads with the request).
    /// </summary>
    public const long InlineLimit = 1024 * 1024;

    /// <summary>fal's REST host, where uploads are reserved when the connection talks to fal itself.</summary>
    private static readonly Uri RestApi = new("https://rest.fal.ai/");

    private const string UploadInitiatePath = "storage/upload/initiate?storage_type=fal-cdn-v3";

    /// <summary>fal's platform API, whose request list finds a request whose submit answer was lost.</summary>
    private static readonly Uri PlatformApi = new("https://api.fal.ai/");

    private const string RequestsByEndpointPath = "v1/models/requests/by-endpoint";

    /// <summary>Where fal's documentation publishes its webhook keys (a JWKS).</summary>
    private static readonly Uri WebhookKeySet = new("https://rest.alpha.fal.ai/.well-known/jwks.json");

    private const string WebhookKeySetPath = ".well-known/jwks.json";

    /// <summary>The webhook's <c>error</c> names the status code the result answered: "Invalid status code: 422".</summary>
    private static readonly Regex WebhookErrorStatus = new(@"status code:?\s*(\d{3})", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    /// <summary>The most requests the platform API lists on one page.</summary>
    private const int RequestsPageSize = 100;

    private static readonly ImageFields ImageFields = new("image_url", "image_urls", "end_image_url");

    /// <summary>No watermark field; the webhook goes in the submit's query.</summary>
    private static readonly OptionFields OptionFields = new() { Watermark = null };

    private static readonly ReferenceMediaFields ReferenceMediaFields = new("video_urls", "audio_urls");

    public ProviderInfo Info { get; } = new(Name, new Uri("https://queue.fal.run"), "Key", new[] { "FAL_KEY" }, FalModels.All)
    {
        Aliases = new[] { "fal.ai" },
        CancelBehaviour = "Removes a queued request; a running one only receives a cancellation signal and may still finish and be billed.",
        WebhookBehaviour = "?fal_webhook=<url> on submit; fal posts {request_id, status: OK|ERROR, payload}, signed with ED25519 (check it against fal's JWKS).",
        OutputRetention = "at least 7 days on fal's CDN (settable per account); the queue result itself only about an hour",
        OutputLifetime = TimeSpan.FromDays(7),
        InlineImageLimitBytes = InlineLimit,
        // Beyond ByteDance's own names: fal's image fields, and num_frames, the Seedance 1 endpoints' other way to set
        // the length.
        ReservedFields = ReservedFields.Seedance()
            .SetBy("Image", "image_url", "image_urls")
            .SetBy("LastImage", "end_image_url")
            .SetBy("Duration", "num_frames")
            .SetBy("ReferenceVideo", "video_urls")
            .SetBy("ReferenceAudio", "audio_urls"),
        RequestsPage = new Uri("https://fal.ai/dashboard/requests"),
    };

    public FalProvider() => Signature = new FalWebhookSignature(context =>
        context.IsProvidersOwnHost(Info) ? WebhookKeySet : context.Resolve(WebhookKeySetPath));

    /// <summary>Ed25519, under the keys of fal's JWKS; the emulator's or a gateway's key set where the connection goes there.</summary>
    public WebhookSignature Signature { get; }

    /// <summary>The webhook body: <c>{request_id, gateway_request_id, status: OK | ERROR, payload, error}</c>; it names no endpoint.</summary>
    public VideoTask? TaskOf(JsonElement body) => body.Text("request_id") is { } id ? new VideoTask(id, Name, string.Empty) : null;

    /// <summary>OK carries the result (what the result endpoint answers); ERROR the result's error, as that endpoint's failure.</summary>
    public VideoTask ReadWebhook(JsonElement body, VideoTask task)
    {
        var payload = body.Node("payload");
        if (body.Text("status") == "OK" && payload is { } result)
        {
            return ReadResult(result, task with { QueuePosition = null });
        }

        var status = WebhookErrorStatus.Match(body.Text("error") ?? string.Empty) is { Success: true } match ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 500;
        var failure = Describe(status, payload);
        var message = body.Text("payload_error") is { } unserialisable ? $"{failure.Message} ({unserialisable})" : failure.Message;
        return Ended(task with { QueuePosition = null }, failure.ProviderCode, message);
    }

    public async Task<VideoTask> SubmitAsync(ProviderContext context, PreparedRequest request, CancellationToken cancellationToken)
    {
        var path = SubmitCall.WithWebhook(request.Model.Id, "fal_webhook", request.Source.WebhookUrl);
        var response = await SubmitCall.PostAsync(context, path, Body(request), "submit a video request", cancellationToken).ConfigureAwait(false);
        return ReadQueueStatus(response.Json, SubmitCall.TaskId(response.Json, Name, request.Model.Id, "request_id"));
    }

    public async Task<VideoTask> RefreshAsync(ProviderContext context, VideoTask task, CancellationToken cancellationToken)
    {
        var response = await context.Http.SendAsync(new ApiRequest(HttpCallKind.Status, HttpMethod.Get, context.Resolve(RequestPath(task, "/status")))
        {
            Purpose = $"report on request {task.Id}",
        }, cancellationToken).ConfigureAwait(false);

        var status = response.Json;
        return status.Text("status") == "COMPLETED"
            ? await ReadResultAsync(context, task, status, cancellationToken).ConfigureAwait(false)
            : ReadQueueStatus(status, task);
    }

    public async Task<CancelOutcome> CancelAsync(ProviderContext context, VideoTask task, CancellationToken cancellationToken)
    {
        try
        {
            await context.Http.SendAsync(new ApiRequest(HttpCallKind.Cancel, HttpMethod.Put, context.Resolve(RequestPath(task, "/cancel")))
            {
                Purpose = $"cancel request {task.Id}",
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (SeedanceException ex) when (ex.ProviderCode == "ALREADY_COMPLETED")
        {
            return CancelOutcome.AlreadyFinished;
        }

        // fal drops a queued request; a running one is only asked to stop.
        return task.Lifecycle == TaskState.Queued ? CancelOutcome.Cancelled : CancelOutcome.Requested;
    }

    public ApiFailure DescribeFailure(ApiResponse response) => Describe((int)response.StatusCode, WireJson.TryParse(response.Body));

    /// <summary>A result's error body (the answer of a failed result request, or an ERROR webhook's payload).</summary>
    private static ApiFailure Describe(int status, JsonElement? body)
    {
        var errors = body?.Items("detail").Where(item => item.ValueKind == JsonValueKind.Object).ToList() ?? new List<JsonElement>();

        // Model errors carry `detail: [{loc, msg, type}]`; request errors `{detail: "...", error_type}`; the cancel
        // endpoint answers `{status: "ALREADY_COMPLETED" | "NOT_FOUND"}`.
        var code = errors.Select(error => error.Text("type")).FirstOrDefault(type => type is not null)
            ?? body?.Text("error_type") ?? body?.Text("status");
        var message = errors.Count > 0
            ? string.Join("; ", errors.Select(DescribeError))
            : body?.Text("detail") ?? body?.Text("status") ?? $"HTTP {status}";

        if (code == "content_policy_violation")
        {
            return new ApiFailure(SeedanceErrorCategory.ContentPolicy, "Refused by fal's content policy: " + message, code);
        }

        if (WireJson.Mentions(message, "exhausted balance", "top_up", "top up", "insufficient"))
        {
            return new ApiFailure(SeedanceErrorCategory.InsufficientBalance, message + " (fal locks an account whose balance runs out; top it up at fal.ai/dashboard/billing)", code);
        }

        var category = code is "request_timeout" or "startup_timeout" ? SeedanceErrorCategory.Timeout : ApiFailure.CategoryOf(status);
        return new ApiFailure(category, message, code);
    }

    /// <summary>
    /// The key's requests to <paramref name="model"/>'s endpoint sent since <paramref name="since"/>, from the platform
    /// API's <c>GET /v1/models/requests/by-endpoint</c> with their payloads (<c>json_input</c> as submitted), following
    /// <c>next_cursor</c>. Whether it lists a request still waiting in the queue is not documented, so its list never
    /// proves a request absent.
    /// </summary>
    public Task<TaskListing> ListRecentAsync(ProviderContext context, ModelInfo model, DateTimeOffset since, CancellationToken cancellationToken) =>
        TaskListing.ReadPagesAsync(since, async cursor =>
        {
            var query = $"{RequestsByEndpointPath}?endpoint_id={Uri.EscapeDataString(model.Id)}&start={Uri.EscapeDataString(since.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture))}&expand=payloads&limit={RequestsPageSize}"
                + (cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor));
            var response = await context.Http.SendAsync(new ApiRequest(HttpCallKind.List, HttpMethod.Get, context.IsProvidersOwnHost(Info) ? new Uri(PlatformApi, query) : context.Resolve(query))
            {
                Purpose = "list recent requests",
            }, cancellationToken).ConfigureAwait(false);
            var listed = response.Json.Items("items")
                .Where(item => item.Text("request_id") is not null)
                .Select(item => ListedTask.Echoing(ReadListedRequest(item), item.Node("json_input"), "image_url", "image_urls", "end_image_url"))
                .ToList();
            return new ListPage(listed, response.Json.Node("has_more") is { ValueKind: JsonValueKind.True } ? response.Json.Text("next_cursor") : null);
        }, listsEveryRecordedTask: false);

    /// <summary>
    /// A listed request as a snapshot: queued until it starts, running until it ends, then succeeded with the video
    /// its output names, or failed with the status its result answered. One that ended well but whose output is not
    /// shown stays running: the status request that follows reads its result.
    /// </summary>
    private static VideoTask ReadListedRequest(JsonElement item)
    {
        var task = new VideoTask(item.Text("request_id")!, Name, item.Text("endpoint_id") ?? string.Empty) { CreatedAt = item.Time("sent_at") ?? DateTimeOffset.UtcNow };
        if (item.Time("ended_at") is not { } ended)
        {
            return task.Next(item.Time("started_at") is null ? TaskState.Queued : TaskState.Running);
        }

        var status = item.Integer("status_code");
        return status is >= 200 and < 300
            ? item.Url("json_output", "video", "url") is { } video ? task.Next(TaskState.Succeeded, video, completedAt: ended) : task.Next(TaskState.Running)
            : task.Next(TaskState.Failed, error: $"{Name} reports the request ended with HTTP {status}.", completedAt: ended);
    }

    public async Task<Uri> UploadAsync(ProviderContext context, ILocalFile file, CancellationToken cancellationToken)
    {
        var ticket = await context.Http.SendAsync(new ApiRequest(HttpCallKind.Upload, HttpMethod.Post, UploadInitiateUri(context))
        {
            JsonBody = new JsonObject { ["content_type"] = file.MediaType, ["file_name"] = file.FileName }.ToJsonString(),
            Purpose = $"reserve storage for {file.FileName}",
        }, cancellationToken).ConfigureAwait(false);

        var slot = ticket.Json;
        var uploadUrl = slot.Url("upload_url") ?? throw WireJson.Missing(Name, "upload_url", "upload");
        var fileUrl = slot.Url("file_url") ?? throw WireJson.Missing(Name, "file_url", "upload");
        var content = file.Content ?? throw new InvalidOperationException($"{file.Source} has no local content to upload.");
        await context.Http.SendAsync(new ApiRequest(HttpCallKind.Upload, HttpMethod.Put, uploadUrl)
        {
            ContentFactory = () => new ByteArrayContent(content) { Headers = { ContentType = new MediaTypeHeaderValue(file.MediaType ?? "application/octet-stream") } },
            Authenticated = false,
            ExpectsJson = false,
            Purpose = $"upload {file.FileName}",
        }, cancellationToken).ConfigureAwait(false);
        return fileUrl;
    }

    /// <summary>
    /// Where uploads are reserved: fal's REST host when the connection talks to fal itself; otherwise (the
    /// emulator, a gateway) the same path under the connection's base URI, so no call leaves that host.
    /// </summary>
    internal Uri UploadInitiateUri(ProviderContext context) =>
        context.IsProvidersOwnHost(Info) ? new Uri(RestApi, UploadInitiatePath) : context.Resolve(UploadInitiatePath);

    /// <summary>The app a request belongs to: the endpoint id's owner and alias ("bytedance/seedance-2.0").</summary>
    internal static string AppOf(string endpointId) => string.Join("/", endpointId.Split('/').Take(2));

    internal static VideoTask ReadQueueStatus(JsonElement status, VideoTask task)
    {
        var state = status.Text("status") switch
        {
            "IN_QUEUE" => TaskState.Queued,
            "IN_PROGRESS" => TaskState.Running,
            _ => task.Lifecycle,
        };
        return task.Next(state) with
        {
            QueuePosition = state == TaskState.Queued && status.Integer("queue_position") is { } position ? (int)position : null,
        };
    }

    private static JsonObject Body(PreparedRequest request)
    {
        var body = new JsonObject { ["prompt"] = request.Prompt };
        ImageFields.AddTo(body, request);
        ReferenceMediaFields.AddTo(body, request);
        // Always explicit, never fal's "auto": the estimate shown before submitting assumes this length.
        body["duration"] = request.ModelChoosesDuration ? "auto" : request.DurationSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        OptionFields.AddTo(body, request);
        WireJson.AddExtraFields(body, request.ExtraFields);
        return body;
    }

    private async Task<VideoTask> ReadResultAsync(ProviderContext context, VideoTask task, JsonElement status, CancellationToken cancellationToken)
    {
        var completed = task with
        {
            QueuePosition = null,
            InferenceMs = status.Decimal("metrics", "inference_time") is { } seconds and > 0 ? (long)(seconds * 1000) : task.InferenceMs,
        };

        JsonElement result;
        try
        {
            var response = await context.Http.SendAsync(new ApiRequest(HttpCallKind.Status, HttpMethod.Get, context.Resolve(RequestPath(task, string.Empty)))
            {
                Purpose = $"deliver the result of request {task.Id}",
                IsFinalFailure = IsGenerationFailure,
            }, cancellationToken).ConfigureAwait(false);
            result = response.Json;
        }
        catch (SeedanceException ex) when (ex.StatusCode is not null && ex.Category is SeedanceErrorCategory.Validation or SeedanceErrorCategory.ContentPolicy or SeedanceErrorCategory.Server or SeedanceErrorCategory.Timeout)
        {
            // COMPLETED is not success: the result's error is how fal reports a failed (or cancelled) generation.
            return Ended(completed, ex.ProviderCode, ex.Message);
        }

        return ReadResult(result, completed);
    }

    /// <summary>A result body: the video is <c>video.url</c>.</summary>
    private static VideoTask ReadResult(JsonElement result, VideoTask task) => task.Next(TaskState.Succeeded, result.Url("video", "url"));

    /// <summary>A generation that ended with an error: cancelled when the error says the client cancelled it.</summary>
    private static VideoTask Ended(VideoTask task, string? code, string message) =>
        task.Next(code == "client_cancelled" ? TaskState.Cancelled : TaskState.Failed, error: message, errorCode: code);

    /// <summary>
    /// A result error that reports how the generation ended (fal names its type, or says a retry is pointless),
    /// as opposed to a gateway hiccup worth retrying.
    /// </summary>
    private static bool IsGenerationFailure(ApiResponse response) =>
        response.Headers.ContainsKey("X-Fal-Error-Type")
        || (response.Headers.TryGetValue("X-Fal-Retryable", out var retryable) && string.Equals(retryable, "false", StringComparison.OrdinalIgnoreCase))
        || (int)response.StatusCode == 422;

    private static string RequestPath(VideoTask task, string suffix) =>
        $"{AppOf(task.Model)}/requests/{Uri.EscapeDataString(task.Id)}{suffix}";

    private static string DescribeError(JsonElement error)
    {
        var where = string.Join(".", error.Items("loc").Select(part => part.ValueKind == JsonValueKind.String ? part.GetString() : part.GetRawText()));
        var type = error.Text("type");
        var context = (type, where) switch
        {
            (null, "") => string.Empty,
            (null, _) => $" (at {where})",
            (_, "") => $" ({type})",
            _ => $" ({type} at {where})",
        };
        return (error.Text("msg") ?? "error") + context;
    }
}
