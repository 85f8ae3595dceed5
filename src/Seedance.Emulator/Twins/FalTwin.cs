using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Seedance.Emulator.Media;
using Seedance.Emulator.Server;
using Seedance.Emulator.Tasks;

namespace Seedance.Emulator.Twins;

/// <summary>
/// fal.ai's queue (<c>queue.fal.run</c>) and storage upload: <c>POST /{endpoint-id}</c> (webhook as
/// <c>?fal_webhook=</c>) answers IN_QUEUE with a request id; status, result and cancel live under the app's path
/// <c>/{owner}/{alias}/requests/{id}</c> only. Auth is <c>Authorization: Key …</c>. Like fal, the queue takes any
/// JSON object and the app checks it when it runs: a bad input, a moderation refusal or a failed generation all
/// reach COMPLETED, and the result then answers with the error (422 <c>detail</c> array, or 5xx with
/// <c>error_type</c>). Requests over the concurrency limit wait in the queue with a growing
/// <c>queue_position</c>; none is refused. The platform API's request list (<c>GET /v1/models/requests/by-endpoint</c>)
/// shows each request with the input it was sent with.
/// </summary>
internal sealed partial class FalTwin : IProviderTwin
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 100;

    /// <summary>Sent as X-Fal-Webhook-User-Id: the emulator has no fal user, and must not derive one from the key.</summary>
    private const string WebhookUserId = "emulator";

    private const long MaxImageBytes = 30 * 1024 * 1024;

    private const string ContentFlagged = "The content could not be processed because it contained material flagged by a content checker.";

    private static readonly Dictionary<string, FalEndpoint> Endpoints = FalEndpoint.All();

    /// <summary>
    /// fal's delivery: 15 s for the receiver to answer, then 10 more tries "in the span of 2 hours" (doubling waits
    /// from 7 s add up to 2 hours).
    /// </summary>
    internal static readonly WebhookDelivery WebhookDelivery = new(TimeSpan.FromSeconds(15), 10, TimeSpan.FromSeconds(7));

    private readonly EmulatorServices _services;

    private readonly FalWebhookSigner _signer = new();

    /// <summary>Inputs the app refused, by request id: their result answers 422 with these errors.</summary>
    private readonly ConcurrentDictionary<string, JsonArray> _refusedInputs = new(StringComparer.Ordinal);

    public FalTwin(EmulatorServices services)
    {
        _services = services;
        Routes = RouteTable();
        _services.Tasks.Finished += SendWebhook;
    }

    public string Provider => "fal";

    public string Prefix => "fal";

    public JsonNode ErrorBody(int status, string message) => new JsonObject { ["detail"] = message };

    private async Task SubmitAsync(EmulatorContext context, string endpointId, string key)
    {
        if (!Endpoints.TryGetValue(endpointId, out var endpoint))
        {
            await context.RespondNotFoundAsync(this).ConfigureAwait(false);
            return;
        }

        var raw = await context.ReadBodyAsync().ConfigureAwait(false);
        var body = EmulatorContext.ParseObject(raw);
        if (body is null)
        {
            await context.RespondJsonAsync(422, new JsonObject { ["detail"] = Errors(("body", "Input should be a valid JSON object", "json_invalid")) }).ConfigureAwait(false);
            return;
        }

        var spec = new EmulatedTaskSpec { Provider = Provider, Model = endpointId, RawBody = raw, WebhookUrl = context.Query["fal_webhook"] };
        var refused = endpoint.Read(body, spec, ImageProblem);
        if (refused.Count == 0 && _services.Tasks.RefusesInputImages(spec))
        {
            refused = Errors((endpoint.ImageField, ContentFlagged, "content_policy_violation"));
        }

        var id = Guid.NewGuid().ToString();
        var task = _services.Tasks.Create(id, key, spec, context.FinishesAtOnce);
        if (refused.Count > 0)
        {
            _refusedInputs[id] = refused;
        }

        var queued = Links(task, context.TwinBase);
        queued["status"] = "IN_QUEUE";
        queued["queue_position"] = task.State == EmulatedTaskState.Queued ? task.QueuePosition : 0;
        await context.RespondJsonAsync(200, queued).ConfigureAwait(false);
    }

    private async Task StatusAsync(EmulatorContext context, string app, string id)
    {
        if (await FindAsync(context, _services.Tasks.Observe(id), app).ConfigureAwait(false) is not { } task)
        {
            return;
        }

        var status = Links(task, context.TwinBase);
        var logs = context.Query["logs"] == "1" ? new JsonArray() : null;
        switch (task.State)
        {
            case EmulatedTaskState.Queued:
                status["status"] = "IN_QUEUE";
                status["queue_position"] = task.QueuePosition;
                break;
            case EmulatedTaskState.Running:
                status["status"] = "IN_PROGRESS";
                logs?.Add(Log("Generating video", task.StartedAt ?? task.CreatedAt));
                status["logs"] = logs;
                break;
            default:
                status["status"] = "COMPLETED";
                status["logs"] = logs;
                status["metrics"] = new JsonObject
                {
                    ["inference_time"] = task.StartedAt is { } start && task.CompletedAt is { } done ? (done - start).TotalSeconds : null,
                };
                break;
        }

        await context.RespondJsonAsync(200, status).ConfigureAwait(false);
    }

    private async Task ResultAsync(EmulatorContext context, string app, string id)
    {
        if (await FindAsync(context, _services.Tasks.Peek(id), app).ConfigureAwait(false) is not { } task)
        {
            return;
        }

        if (!task.IsFinal)
        {
            await context.RespondErrorAsync(this, 400, "Request is still in progress").ConfigureAwait(false);
            return;
        }

        var outcome = Outcome(task);
        context.SetHeader("x-fal-request-id", task.Id);
        foreach (var header in outcome.Headers)
        {
            context.SetHeader(header.Key, header.Value);
        }

        await context.RespondJsonAsync(outcome.Status, outcome.Body).ConfigureAwait(false);
    }

    private async Task CancelAsync(EmulatorContext context, string app, string id)
    {
        // A queued request is dropped; a running one only gets the signal, and Seedance's upstream job runs on.
        var before = BelongsTo(_services.Tasks.Peek(id), app) ? _services.Tasks.Cancel(id, runningToo: false) : null;
        var (status, word) = before switch
        {
            null => (404, "NOT_FOUND"),
            EmulatedTaskState.Queued or EmulatedTaskState.Running => (202, "CANCELLATION_REQUESTED"),
            _ => (400, "ALREADY_COMPLETED"),
        };
        await context.RespondJsonAsync(status, new JsonObject { ["status"] = word }).ConfigureAwait(false);
    }

    /// <summary>
    /// The platform API's <c>GET /v1/models/requests/by-endpoint</c>: this key's requests to the given endpoints
    /// (comma-separated or repeated <c>endpoint_id</c>), sent within <c>start</c>..<c>end</c> (the last 24 hours by
    /// default), optionally of one <c>status</c> (success, error, user_error) or <c>request_id</c>, newest end
    /// first, <c>limit</c> a page (50 by default, at most 100) with a base64 page-number <c>cursor</c>; with
    /// <c>expand=payloads</c> each item carries its <c>json_input</c> and <c>json_output</c>.
    /// </summary>
    private async Task ListRequestsAsync(EmulatorContext context, string key)
    {
        var endpoints = (context.Query.GetValues("endpoint_id") ?? Array.Empty<string>())
            .SelectMany(value => value.Split(','))
            .Select(value => value.Trim())
            .Where(value => value.Length > 0)
            .ToList();
        var limit = context.Query["limit"] is { } limitText ? ParseInt(limitText) : DefaultPageSize;
        var page = context.Query["cursor"] is { } cursor ? DecodeCursor(cursor) : 1;
        var start = context.Query["start"] is { } startText ? ParseTime(startText) : DateTimeOffset.UtcNow.AddDays(-1);
        var end = context.Query["end"] is { } endText ? ParseTime(endText) : DateTimeOffset.UtcNow;
        var status = context.Query["status"];
        (string Field, string Message, string Type)? problem = endpoints.Count == 0 ? ("endpoint_id", "Field required", "missing")
            : endpoints.Count > 50 ? ("endpoint_id", "At most 50 endpoint ids", "too_long")
            : limit is null or < 1 or > MaxPageSize ? ("limit", $"Input should be between 1 and {MaxPageSize}", "less_than_equal")
            : page is null or < 1 ? ("cursor", "Invalid cursor", "value_error")
            : start is null ? ("start", "Input should be a valid ISO8601 datetime", "datetime_parsing")
            : end is null ? ("end", "Input should be a valid ISO8601 datetime", "datetime_parsing")
            : status is not (null or "success" or "error" or "user_error") ? ("status", "Input should be 'success', 'error' or 'user_error'", "enum")
            : null;
        if (problem is { } invalid)
        {
            await context.RespondJsonAsync(422, new JsonObject { ["detail"] = Errors(invalid) }).ConfigureAwait(false);
            return;
        }

        var requestId = context.Query["request_id"];
        var expand = (context.Query.GetValues("expand") ?? Array.Empty<string>()).SelectMany(value => value.Split(',')).Contains("payloads");
        var matching = _services.Tasks.Snapshot()
            .Where(task => task.Spec.Provider == Provider && task.Key == key && endpoints.Contains(task.Spec.Model))
            .Where(task => task.CreatedAt >= start && task.CreatedAt < end && (requestId is null || task.Id == requestId))
            .Select(task => (Task: task, Status: task.IsFinal ? Outcome(task).Status : (int?)null))
            .Where(item => status is null || StatusClass(item.Status) == status)
            .OrderByDescending(item => item.Task.CompletedAt ?? DateTimeOffset.MaxValue)
            .ToList();
        var items = matching.Skip((page!.Value - 1) * limit!.Value).Take(limit.Value).Select(item => (JsonNode)RequestItem(item.Task, item.Status, expand)).ToArray();
        var more = matching.Count > page.Value * limit.Value;
        await context.RespondJsonAsync(200, new JsonObject
        {
            ["items"] = new JsonArray(items),
            ["next_cursor"] = more ? Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes((page.Value + 1).ToString(CultureInfo.InvariantCulture))) : null,
            ["has_more"] = more,
        }).ConfigureAwait(false);
    }

    /// <summary>One request as the platform API lists it; an unfinished one has no end, status code or output yet.</summary>
    private JsonObject RequestItem(EmulatedTask task, int? statusCode, bool expand)
    {
        var item = new JsonObject
        {
            ["request_id"] = task.Id,
            ["endpoint_id"] = task.Spec.Model,
            ["sent_at"] = TwinReplies.Timestamp(task.CreatedAt),
            ["started_at"] = task.StartedAt is { } started ? TwinReplies.Timestamp(started) : null,
            ["ended_at"] = task.CompletedAt is { } ended ? TwinReplies.Timestamp(ended) : null,
            ["status_code"] = statusCode,
            ["duration"] = task.CompletedAt is { } done ? (done - task.CreatedAt).TotalSeconds : null,
        };
        if (expand)
        {
            item["json_input"] = EmulatorContext.ParseObject(task.Spec.RawBody);
            item["json_output"] = statusCode is not null ? Outcome(task).Body.DeepClone() : null;
        }

        return item;
    }

    private static string? StatusClass(int? statusCode) => statusCode switch
    {
        null => null,
        < 400 => "success",
        < 500 => "user_error",
        _ => "error",
    };

    private static int? ParseInt(string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static int? DecodeCursor(string cursor)
    {
        try
        {
            return ParseInt(System.Text.Encoding.ASCII.GetString(Convert.FromBase64String(cursor)));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static DateTimeOffset? ParseTime(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;

    private async Task InitiateUploadAsync(EmulatorContext context)
    {
        var body = EmulatorContext.ParseObject(await context.ReadBodyAsync().ConfigureAwait(false));
        var fileName = body is null ? null : JsonFields.Text(body, "file_name");
        if (string.IsNullOrWhiteSpace(fileName))
        {
            await context.RespondJsonAsync(422, new JsonObject { ["detail"] = Errors(("file_name", "Field required", "missing")) }).ConfigureAwait(false);
            return;
        }

        var (uploadUrl, fileUrl) = _services.Uploads.Reserve(fileName!, JsonFields.Text(body!, "content_type") ?? "application/octet-stream");
        await context.RespondJsonAsync(200, new JsonObject { ["upload_url"] = uploadUrl.AbsoluteUri, ["file_url"] = fileUrl.AbsoluteUri }).ConfigureAwait(false);
    }

    /// <summary>What the result of a finished request answers: the output, or the error that ended it.</summary>
    private Answer Outcome(EmulatedTask task)
    {
        if (_refusedInputs.TryGetValue(task.Id, out var refused))
        {
            return Answer.ModelError(422, refused.DeepClone());
        }

        return task.State switch
        {
            EmulatedTaskState.Succeeded => new Answer(200, Output(task)),
            EmulatedTaskState.Cancelled => Answer.RequestError(499, "Request was cancelled by the client.", "client_cancelled"),
            _ when task.RefusedByPolicy => Answer.ModelError(422, Errors(("prompt", ContentFlagged, "content_policy_violation"))),
            _ => Answer.RequestError(500, task.Error ?? "The runner failed.", "runner_server_error"),
        };
    }

    private JsonObject Output(EmulatedTask task) => new()
    {
        ["video"] = new JsonObject
        {
            ["url"] = _services.VideoUrl(task).AbsoluteUri,
            ["content_type"] = "video/mp4",
            ["file_name"] = "output.mp4",
            ["file_size"] = SyntheticVideo.ComputeLength(_services.Files.SpecFor(task)),
        },
        ["seed"] = task.Id.Aggregate(17, (hash, character) => unchecked((hash * 31) + character)) & 0x7fffffff,
    };

    /// <summary>The request's handle: its id and the URLs fal returns for it (on the app's path, not the endpoint's).</summary>
    private static JsonObject Links(EmulatedTask task, Uri twinBase)
    {
        var request = $"{twinBase.AbsoluteUri.TrimEnd('/')}/{AppOf(task.Spec.Model)}/requests/{task.Id}";
        return new JsonObject
        {
            ["request_id"] = task.Id,
            ["gateway_request_id"] = task.Id,
            ["response_url"] = request,
            ["status_url"] = request + "/status",
            ["cancel_url"] = request + "/cancel",
        };
    }

    /// <summary>The task when it is one of this app's requests; otherwise answers 404 and returns null.</summary>
    private async Task<EmulatedTask?> FindAsync(EmulatorContext context, EmulatedTask? task, string app)
    {
        if (BelongsTo(task, app))
        {
            return task;
        }

        await context.RespondErrorAsync(this, 404, "Request not found").ConfigureAwait(false);
        return null;
    }

    private bool BelongsTo(EmulatedTask? task, string app) =>
        task is not null && task.Spec.Provider == Provider && AppOf(task.Spec.Model) == app;

    private static string AppOf(string endpointId) => string.Join("/", endpointId.Split('/').Take(2));

    /// <summary>Why fal could not read an image input, or null: an upload slot never filled, a broken data: URI, over 30 MB.</summary>
    private string? ImageProblem(string value)
    {
        if (value.StartsWith("data:", StringComparison.Ordinal))
        {
            var comma = value.IndexOf(',');
            if (comma < 0 || !value.Substring(0, comma).EndsWith(";base64", StringComparison.Ordinal) || !value.StartsWith("data:image/", StringComparison.Ordinal))
            {
                return FalEndpoint.ImageLoadError;
            }

            try
            {
                return Convert.FromBase64String(value.Substring(comma + 1)).LongLength > MaxImageBytes ? FalEndpoint.ImageTooLarge : null;
            }
            catch (FormatException)
            {
                return FalEndpoint.ImageLoadError;
            }
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            return FalEndpoint.FileDownloadError;
        }

        // Our own storage is the only host the emulator can vouch for; other URLs are taken on trust, never fetched.
        var ours = url.Authority == _services.Root.Authority;
        return ours && !_services.Uploads.Holds(value) ? FalEndpoint.FileDownloadError : null;
    }

    private void SendWebhook(EmulatedTask task)
    {
        if (task.Spec.Provider != Provider || string.IsNullOrEmpty(task.Spec.WebhookUrl) || task.State == EmulatedTaskState.Cancelled)
        {
            return;
        }

        var outcome = Outcome(task);
        var body = new JsonObject { ["request_id"] = task.Id, ["gateway_request_id"] = task.Id };
        if (outcome.Status == 200)
        {
            body["status"] = "OK";
            body["payload"] = outcome.Body;
        }
        else
        {
            body["status"] = "ERROR";
            body["error"] = $"Invalid status code: {outcome.Status}";
            body["payload"] = outcome.Body;
        }

        var text = body.ToJsonString();
        var timestamp = WebhookSecrets.Timestamp();
        _services.Webhooks.Send(task.Spec.WebhookUrl!, text, new Dictionary<string, string>
        {
            ["X-Fal-Webhook-Request-Id"] = task.Id,
            ["X-Fal-Webhook-User-Id"] = WebhookUserId,
            ["X-Fal-Webhook-Timestamp"] = timestamp,
            ["X-Fal-Webhook-Signature"] = _signer.Sign(task.Id, WebhookUserId, timestamp, text),
        }, WebhookDelivery);
    }

    private static JsonObject Log(string message, DateTimeOffset at) => new()
    {
        ["message"] = message,
        ["level"] = "INFO",
        ["source"] = "USER",
        ["timestamp"] = TwinReplies.Timestamp(at),
    };

    /// <summary>A model error's <c>detail</c> array: one <c>{loc, msg, type}</c> per problem, located in the body.</summary>
    internal static JsonArray Errors(params (string Field, string Message, string Type)[] errors) =>
        new(errors.Select(error => (JsonNode)new JsonObject
        {
            ["loc"] = error.Field == "body" ? new JsonArray("body") : new JsonArray("body", error.Field),
            ["msg"] = error.Message,
            ["type"] = error.Type,
        }).ToArray());

    /// <summary>An HTTP answer with fal's error headers.</summary>
    private sealed class Answer
    {
        public Answer(int status, JsonNode body, IReadOnlyDictionary<string, string>? headers = null)
        {
            Status = status;
            Body = body;
            Headers = headers ?? new Dictionary<string, string>();
        }

        public int Status { get; }

        public JsonNode Body { get; }

        public IReadOnlyDictionary<string, string> Headers { get; }

        /// <summary>A model error: <c>detail</c> is an array; retrying the same input will not help.</summary>
        public static Answer ModelError(int status, JsonNode errors) =>
            new(status, new JsonObject { ["detail"] = errors }, new Dictionary<string, string> { ["X-Fal-Retryable"] = "false" });

        /// <summary>A request error: <c>detail</c> is text, <c>error_type</c> (also a header) says which.</summary>
        public static Answer RequestError(int status, string detail, string errorType) =>
            new(status, new JsonObject { ["detail"] = detail, ["error_type"] = errorType }, new Dictionary<string, string> { ["X-Fal-Error-Type"] = errorType });
    }
}
