using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Seedance.Emulator.Server;
using Seedance.Emulator.Tasks;

namespace Seedance.Emulator.Twins;

/// <summary>
/// Replicate's HTTP API v1: <c>POST /models/{owner}/{name}/predictions</c> (or <c>POST /predictions</c> with a
/// version), <c>GET /predictions[/{id}]</c>, <c>POST /predictions/{id}/cancel</c>, <c>/files</c> and
/// <c>GET /webhooks/default/secret</c>. Predictions are <c>starting</c>, <c>processing</c>, <c>succeeded</c>,
/// <c>failed</c>, <c>canceled</c> or <c>aborted</c>; the output is one URI string; errors are RFC 7807 problem
/// details. Honours <c>Prefer: wait[=N]</c> and <c>Cancel-After</c>, throttles creates per key, and signs its
/// webhooks the Standard Webhooks way.
/// </summary>
internal sealed partial class ReplicateTwin : IProviderTwin
{
    /// <summary>"For predictions created through the API, ... output files ... are automatically removed after an hour."</summary>
    private static readonly TimeSpan OutputLifetime = TimeSpan.FromHours(1);

    /// <summary>Sync mode holds a create for at most 60 s (and for 60 s with a bare <c>Prefer: wait</c>).</summary>
    private const int MaxWaitSeconds = 60;

    private const string SensitiveError = "The input or output was flagged as sensitive. Please try again with different inputs. (E005)";
    private static readonly string[] WebhookEvents = { "start", "output", "logs", "completed" };
    private static readonly string[] CreateFields = { "input", "webhook", "webhook_events_filter", "stream" };
    private static readonly Regex PreferWait = new(@"^\s*wait\s*(?:=\s*(\d+)\s*)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex DurationPart = new(@"(\d+(?:\.\d+)?)(ms|h|m|s)", RegexOptions.CultureInvariant);

    /// <summary>
    /// Replicate retries only the terminal webhook, "with exponential backoff", the final retry about a minute after
    /// the prediction finished: waits of 1, 2, 4, 8, 16 and 32 s. It documents no answer deadline (GAP): 15 s here.
    /// </summary>
    internal static readonly WebhookDelivery TerminalWebhookDelivery = new(TimeSpan.FromSeconds(15), 6, TimeSpan.FromSeconds(1));

    private readonly EmulatorServices _services;
    private readonly Uri _base;
    private readonly string _webhookSecret;
    private readonly ConcurrentDictionary<string, Prediction> _predictions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StoredFile> _files = new(StringComparer.Ordinal);

    public ReplicateTwin(EmulatorServices services)
    {
        _services = services;
        _base = new Uri(services.Root, Prefix);
        // One secret for the account ("default"): the emulator's when set.
        _webhookSecret = services.Options.WebhookSecret ?? WebhookSecrets.NewSecret();
        Routes = RouteTable();
        _services.Tasks.Finished += OnFinished;
    }

    public string Provider => "Replicate";

    public string Prefix => "replicate";

    public JsonNode ErrorBody(int status, string message) => status == 429
        ? new JsonObject { ["detail"] = message }
        : new JsonObject { ["title"] = TitleOf(status), ["detail"] = message, ["status"] = status };

    private async Task CreateAsync(EmulatorContext context, string key, ReplicateModelSchema? schema)
    {
        // Throttling comes first: a throttled create never reached the model, whatever its body.
        if (Throttled(key, out var retryAfter))
        {
            var seconds = (int)Math.Ceiling(retryAfter.TotalSeconds);
            context.SetHeader("Retry-After", seconds.ToString(CultureInfo.InvariantCulture));
            await Problem(context, 429, $"Request was throttled. Your rate limit resets in ~{seconds}s.").ConfigureAwait(false);
            return;
        }

        var versionEndpoint = schema is null;
        var raw = await context.ReadBodyAsync().ConfigureAwait(false);
        var body = EmulatorContext.ParseObject(raw);
        if (body is null)
        {
            await Problem(context, 400, "The request body is not a JSON object.").ConfigureAwait(false);
            return;
        }

        var version = JsonFields.Text(body, "version");
        var problems = CheckEnvelope(body, versionEndpoint);
        if (versionEndpoint && version is null)
        {
            problems.Add(new InvalidField("required", string.Empty, "version is required"));
        }

        schema ??= ReplicateModelSchema.FindVersion(version);
        if (schema is null && problems.Count == 0)
        {
            await SendProblem(context, 422, new JsonObject
            {
                ["title"] = "Invalid version or not permitted",
                ["detail"] = "The specified version does not exist (or perhaps you don't have permission to use it?)",
                ["status"] = 422,
            }).ConfigureAwait(false);
            return;
        }

        var input = body["input"] as JsonObject;
        if (schema is not null && input is not null)
        {
            problems.AddRange(schema.Validate(input));
            if (problems.Count == 0 && schema.Conflict(input) is { } conflict)
            {
                problems.Add(new InvalidField("invalid", "input", conflict));
            }
        }

        // A missing schema or input has been listed as a problem already.
        if (problems.Count > 0 || schema is null || input is null)
        {
            await Invalid(context, problems).ConfigureAwait(false);
            return;
        }

        if (!TryParseLifetime(context.Header("Cancel-After"), out var lifetime))
        {
            await Problem(context, 400, "Cancel-After must be a duration such as 30s, 5m or 1h30m.").ConfigureAwait(false);
            return;
        }

        var id = NewId();
        var webhook = JsonFields.Text(body, "webhook");
        var filter = JsonFields.Array(body, "webhook_events_filter")?.Select(item => item!.GetValue<string>()).ToArray();
        var prediction = new Prediction(schema.Model, versionEndpoint ? schema.Version : "hidden", input, webhook, filter, DateTimeOffset.UtcNow + lifetime);

        // Known before the task exists, so that a finish (and its webhook) can never miss it.
        _predictions[id] = prediction;
        var spec = schema.ToSpec(input);
        spec.RawBody = raw;
        spec.WebhookUrl = webhook;
        var task = _services.Tasks.Create(id, key, spec, context.FinishesAtOnce);
        if (lifetime is { } deadline)
        {
            _ = Task.Delay(deadline).ContinueWith(_ => EnforceDeadline(id, prediction), TaskScheduler.Default);
        }

        if (prediction.Wants("start"))
        {
            SendWebhook(task, prediction);
        }

        var wait = WaitSeconds(context.Header("Prefer"));
        if (wait is not null)
        {
            // Sync mode: answer when the prediction finishes or the wait is over, in whatever state it is then.
            await Task.WhenAny(prediction.Finished.Task, Task.Delay(TimeSpan.FromSeconds(wait.Value))).ConfigureAwait(false);
        }

        // Without sync mode the answer comes before any worker has picked the prediction up, unless it is done already.
        await context.RespondJsonAsync(201, Render(_services.Tasks.Peek(id)!, justCreated: wait is null && !context.FinishesAtOnce)).ConfigureAwait(false);
    }

    private Task ListPredictionsAsync(EmulatorContext context, string key) =>
        Page(context, _services.Tasks.Snapshot().Where(task => task.Key == key && _predictions.ContainsKey(task.Id)).OrderByDescending(task => task.CreatedAt).Select(task => Render(task)));

    private Task ListFilesAsync(EmulatorContext context, string key) =>
        Page(context, _files.Values.Where(file => file.Key == key).Select(file => file.Body.DeepClone()));

    private Task WebhookSecretAsync(EmulatorContext context) =>
        context.RespondJsonAsync(200, new JsonObject { ["key"] = _webhookSecret });

    private async Task GetAsync(EmulatorContext context, string key, string id)
    {
        var task = _services.Tasks.Observe(id);
        await (task is not null && task.Key == key && _predictions.ContainsKey(id)
            ? context.RespondJsonAsync(200, Render(task))
            : NotFound(context)).ConfigureAwait(false);
    }

    private async Task CancelAsync(EmulatorContext context, string key, string id)
    {
        if (_services.Tasks.Peek(id) is not { } task || task.Key != key || !_predictions.ContainsKey(id))
        {
            await NotFound(context).ConfigureAwait(false);
            return;
        }

        // Starting and processing predictions both stop; a finished one is answered as it is.
        _services.Tasks.Cancel(id, runningToo: true);
        await context.RespondJsonAsync(200, Render(_services.Tasks.Peek(id)!)).ConfigureAwait(false);
    }

    private async Task UploadAsync(EmulatorContext context, string key)
    {
        var form = await context.ReadFormAsync().ConfigureAwait(false);
        if (form is null || !form.Parts.TryGetValue("content", out var content))
        {
            await Problem(context, 400, "Send multipart/form-data with the file in a 'content' part (and optional JSON 'metadata').").ConfigureAwait(false);
            return;
        }

        var metadata = form.Parts.TryGetValue("metadata", out var part) ? EmulatorContext.ParseObject(part.Text) : new JsonObject();
        if (metadata is null)
        {
            await Problem(context, 400, "The 'metadata' part is not a JSON object.").ConfigureAwait(false);
            return;
        }

        // The bytes go to the emulator's upload storage; the API names the file by its own id and URL.
        _services.Uploads.Store(content.Content, content.ContentType, content.FileName ?? "file");
        using var sha256 = SHA256.Create();
        var id = NewId();
        var file = new JsonObject
        {
            ["id"] = id,
            ["content_type"] = content.ContentType,
            ["size"] = content.Content.Length,
            ["checksums"] = new JsonObject { ["sha256"] = BitConverter.ToString(sha256.ComputeHash(content.Content)).Replace("-", string.Empty).ToLowerInvariant() },
            ["metadata"] = metadata,
            ["created_at"] = Timestamp(DateTimeOffset.UtcNow),
            ["expires_at"] = null,
            ["urls"] = new JsonObject { ["get"] = $"{BaseUrl}/files/{id}" },
        };
        _files[id] = new StoredFile(key, file);
        await context.RespondJsonAsync(201, file.DeepClone()).ConfigureAwait(false);
    }

    /// <summary>GET answers the file object, DELETE removes it (204).</summary>
    private async Task FileAsync(EmulatorContext context, string key, string id)
    {
        if (!_files.TryGetValue(id, out var file) || file.Key != key)
        {
            await NotFound(context).ConfigureAwait(false);
        }
        else if (context.Method == "DELETE")
        {
            _files.TryRemove(id, out _);
            await context.RespondAsync(204, "application/json", new byte[0]).ConfigureAwait(false);
        }
        else
        {
            await context.RespondJsonAsync(200, file.Body.DeepClone()).ConfigureAwait(false);
        }
    }

    /// <summary>The request body's own fields (the model's are checked by its schema).</summary>
    private static List<InvalidField> CheckEnvelope(JsonObject body, bool versionEndpoint)
    {
        var problems = body.Select(field => field.Key)
            .Where(name => !CreateFields.Contains(name) && !(versionEndpoint && name == "version"))
            .Select(name => new InvalidField("additional_property_not_allowed", string.Empty, $"Additional property {name} is not allowed"))
            .ToList();
        if (body["input"] is not JsonObject)
        {
            problems.Add(new InvalidField("required", string.Empty, "input is required"));
        }

        if (body["webhook"] is { } webhook && !(webhook.GetValueKind() == System.Text.Json.JsonValueKind.String
            && Uri.TryCreate(webhook.GetValue<string>(), UriKind.Absolute, out var url) && url.Scheme is "http" or "https"))
        {
            problems.Add(new InvalidField("format", "webhook", "Does not match format 'uri'"));
        }

        if (body["webhook_events_filter"] is { } filter && !(filter is JsonArray events
            && events.All(item => item?.GetValueKind() == System.Text.Json.JsonValueKind.String && WebhookEvents.Contains(item.GetValue<string>()))))
        {
            problems.Add(new InvalidField("enum", "webhook_events_filter", $"webhook_events_filter must contain only: {string.Join(", ", WebhookEvents.Select(name => $"\"{name}\""))}"));
        }

        return problems;
    }

    /// <summary>True when <paramref name="key"/> has used up this minute's creates (600 by Replicate's documentation).</summary>
    private bool Throttled(string key, out TimeSpan retryAfter) =>
        !_services.Quota.TryAdmit(Provider, key, _services.Options.SubmitsPerMinuteFor(Provider) ?? 600, out retryAfter);

    /// <summary>The deadline: a prediction not started yet is aborted (not charged), a running one canceled.</summary>
    private void EnforceDeadline(string id, Prediction prediction)
    {
        if (_services.Tasks.Peek(id) is { IsFinal: false })
        {
            prediction.DeadlineReached = true;
            _services.Tasks.Cancel(id, runningToo: true);
        }
    }

    private void OnFinished(EmulatedTask task)
    {
        if (!_predictions.TryGetValue(task.Id, out var prediction))
        {
            return;
        }

        prediction.Finished.TrySetResult(true);
        if (prediction.Wants("completed") || (task.State == EmulatedTaskState.Succeeded && prediction.Wants("output")))
        {
            SendWebhook(task, prediction);
        }
    }

    /// <summary>Posts the prediction, signed: <c>v1,</c> + base64 HMAC-SHA256 of "{id}.{timestamp}.{body}".</summary>
    private void SendWebhook(EmulatedTask task, Prediction prediction)
    {
        var body = Render(task).ToJsonString();
        var messageId = "msg_" + NewId();
        var timestamp = WebhookSecrets.Timestamp();
        var key = Convert.FromBase64String(_webhookSecret.Substring(WebhookSecrets.Prefix.Length));
        _services.Webhooks.Send(prediction.Webhook!, body, new Dictionary<string, string>
        {
            ["webhook-id"] = messageId,
            ["webhook-timestamp"] = timestamp,
            ["webhook-signature"] = "v1," + Convert.ToBase64String(WebhookSecrets.Sign(key, messageId, timestamp, body)),
        }, task.IsFinal ? TerminalWebhookDelivery : WebhookDelivery.Once(TerminalWebhookDelivery.AttemptTimeout));
    }

    /// <summary>The prediction object, as GET, the create answer and webhooks all show it.</summary>
    private JsonObject Render(EmulatedTask task, bool justCreated = false)
    {
        var prediction = _predictions[task.Id];
        var status = justCreated ? "starting" : task.State switch
        {
            EmulatedTaskState.Queued => "starting",
            EmulatedTaskState.Running => "processing",
            EmulatedTaskState.Succeeded => "succeeded",
            EmulatedTaskState.Failed => "failed",
            _ => prediction.DeadlineReached && task.StartedAt is null ? "aborted" : "canceled",
        };
        var final = status is not ("starting" or "processing");
        var removed = final && DateTimeOffset.UtcNow - task.CompletedAt >= OutputLifetime;
        var url = $"{BaseUrl}/predictions/{task.Id}";
        var body = new JsonObject
        {
            ["id"] = task.Id,
            ["model"] = prediction.Model,
            ["version"] = prediction.Version,
            ["input"] = removed ? new JsonObject() : prediction.Input.DeepClone(),
            ["logs"] = string.Empty,
            ["output"] = status == "succeeded" && !removed ? _services.VideoUrl(task).AbsoluteUri : null,
            ["data_removed"] = removed,
            ["error"] = status == "failed" ? task.RefusedByPolicy ? SensitiveError : task.Error : null,
            ["status"] = status,
            ["source"] = "api",
            ["created_at"] = Timestamp(task.CreatedAt),
            ["started_at"] = status != "starting" && task.StartedAt is { } started ? Timestamp(started) : null,
            ["completed_at"] = final && task.CompletedAt is { } completed ? Timestamp(completed) : null,
            ["urls"] = new JsonObject { ["cancel"] = url + "/cancel", ["get"] = url },
        };

        if (final && task.CompletedAt is { } end)
        {
            var metrics = new JsonObject { ["total_time"] = (end - task.CreatedAt).TotalSeconds };
            if (task.StartedAt is { } start)
            {
                metrics["predict_time"] = (end - start).TotalSeconds;
            }

            body["metrics"] = metrics;
        }

        if (prediction.Deadline is { } deadline)
        {
            body["deadline"] = Timestamp(deadline);
        }

        if (prediction.Webhook is { } webhook)
        {
            body["webhook"] = webhook;
            body["webhook_events_filter"] = prediction.Filter is { } events ? new JsonArray(events.Select(name => (JsonNode)JsonValue.Create(name)!).ToArray()) : null;
        }

        return body;
    }

    private string BaseUrl => _base.AbsoluteUri.TrimEnd('/');

    /// <summary>
    /// One page of a list, 100 results as Replicate serves them, newest first; <c>next</c> and <c>previous</c> are
    /// the URLs of the pages around it (an opaque <c>cursor</c>, here the page number), null at either end.
    /// </summary>
    private static Task Page(EmulatorContext context, IEnumerable<JsonNode> results)
    {
        const int pageSize = 100;
        var page = int.TryParse(context.Query["cursor"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) && number > 0 ? number : 1;
        var all = results.ToList();
        string PageUrl(int at) => $"{context.TwinBase.AbsoluteUri.TrimEnd('/')}{context.Path}?cursor={at}";
        return context.RespondJsonAsync(200, new JsonObject
        {
            ["next"] = all.Count > page * pageSize ? PageUrl(page + 1) : null,
            ["previous"] = page > 1 ? PageUrl(page - 1) : null,
            ["results"] = new JsonArray(all.Skip((page - 1) * pageSize).Take(pageSize).ToArray()),
        });
    }

    private Task Problem(EmulatorContext context, int status, string detail) => SendProblem(context, status, ErrorBody(status, detail));

    private static Task SendProblem(EmulatorContext context, int status, JsonNode problem) =>
        context.RespondAsync(status, "application/problem+json", Encoding.UTF8.GetBytes(problem.ToJsonString()));

    private Task NotFound(EmulatorContext context) => Problem(context, 404, "The requested resource could not be found.");

    private static Task Invalid(EmulatorContext context, IReadOnlyList<InvalidField> problems) =>
        SendProblem(context, 422, new JsonObject
        {
            ["detail"] = string.Concat(problems.Select(problem => problem.Field.Length == 0 ? $"- {problem.Description}\n" : $"- {problem.Field}: {problem.Description}\n")),
            ["status"] = 422,
            ["title"] = "Input validation failed",
            ["invalid_fields"] = new JsonArray(problems.Select(problem => (JsonNode)new JsonObject
            {
                ["type"] = problem.Type,
                ["field"] = problem.Field,
                ["description"] = problem.Description,
            }).ToArray()),
        });

    private static string TitleOf(int status) => status switch
    {
        400 => "Bad request",
        401 => "Unauthenticated",
        402 => "Insufficient credit",
        404 => "Not found",
        422 => "Unprocessable entity",
        _ => status >= 500 ? "Internal server error" : "Request failed",
    };

    /// <summary><c>Prefer: wait</c> (60 s) or <c>wait=N</c> (1 to 60 s); null for no sync mode.</summary>
    private static int? WaitSeconds(string? prefer)
    {
        var match = prefer is null ? null : PreferWait.Match(prefer);
        if (match is not { Success: true })
        {
            return null;
        }

        return match.Groups[1].Success && int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? Math.Max(1, Math.Min(MaxWaitSeconds, seconds))
            : MaxWaitSeconds;
    }

    /// <summary>A Cancel-After value: "90" (seconds), "30s", "5m", "1h30m", "500ms"; null when the header is absent.</summary>
    internal static bool TryParseLifetime(string? header, out TimeSpan? lifetime)
    {
        lifetime = null;
        if (header is null)
        {
            return true;
        }

        var text = header.Trim();
        if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var bare))
        {
            lifetime = TimeSpan.FromSeconds(bare);
            return bare > 0;
        }

        var parts = DurationPart.Matches(text).Cast<Match>().ToList();
        if (parts.Count == 0 || string.Concat(parts.Select(part => part.Value)) != text)
        {
            return false;
        }

        var total = parts.Sum(part => double.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture) * part.Groups[2].Value switch
        {
            "h" => 3600,
            "m" => 60,
            "s" => 1,
            _ => 0.001,
        });
        lifetime = TimeSpan.FromSeconds(total);
        return total > 0;
    }

    /// <summary>A 26-character id in Replicate's style (lower-case base 32 of 128 random bits).</summary>
    private static string NewId()
    {
        const string alphabet = "0123456789abcdefghjkmnpqrstvwxyz";
        var bits = Guid.NewGuid().ToByteArray();
        var id = new char[26];
        for (var i = 0; i < id.Length; i++)
        {
            var value = 0;
            for (var bit = i * 5; bit < i * 5 + 5; bit++)
            {
                value = (value << 1) | (bit < 128 ? (bits[bit / 8] >> (7 - bit % 8)) & 1 : 0);
            }

            id[i] = alphabet[value];
        }

        return new string(id);
    }

    private static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>What the twin keeps of a prediction beside the shared task: its input, model and webhook.</summary>
    private sealed class Prediction
    {
        public Prediction(string model, string version, JsonObject input, string? webhook, IReadOnlyList<string>? filter, DateTimeOffset? deadline)
        {
            Model = model;
            Version = version;
            Input = input;
            Webhook = webhook;
            Filter = filter;
            Deadline = deadline;
        }

        public string Model { get; }

        /// <summary>"hidden" for official models run by name, the version id when run by version.</summary>
        public string Version { get; }

        public JsonObject Input { get; }

        public string? Webhook { get; }

        /// <summary>The events asked for; null sends the default ones (new output and completion).</summary>
        public IReadOnlyList<string>? Filter { get; }

        public DateTimeOffset? Deadline { get; }

        public bool DeadlineReached { get; set; }

        public TaskCompletionSource<bool> Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Wants(string webhookEvent) =>
            Webhook is not null && (Filter?.Contains(webhookEvent) ?? webhookEvent is "output" or "completed");
    }

    private sealed record StoredFile(string Key, JsonObject Body);
}
