using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Seedance.Emulator.Files;
using Seedance.Emulator.Server;
using Seedance.Emulator.Tasks;

namespace Seedance.Emulator.Twins;

/// <summary>
/// BytePlus ModelArk / Volcengine Ark: <c>POST /contents/generations/tasks</c> answers <c>{"id":"cgt-…"}</c>;
/// <c>GET …/tasks/{id}</c> the task (statuses queued, running, succeeded, failed, cancelled; the video at
/// <c>content.video_url</c>); <c>GET …/tasks</c> lists this key's tasks; <c>DELETE …/tasks/{id}</c> cancels a
/// queued task, deletes a finished one and refuses a running one. Errors are
/// <c>{"error":{code,message,param,type}}</c>; a <c>callback_url</c> gets the task body, unsigned, on each
/// status change. Both regions' model ids are served, as one emulator stands in for both hosts.
/// </summary>
internal sealed partial class ArkTwin : IProviderTwin
{
    /// <summary>"If no success acknowledgement arrives within 5 s, the callback is retried three times" (succeeded, failed).</summary>
    internal static readonly WebhookDelivery FinalCallbackDelivery = new(TimeSpan.FromSeconds(5), 3, TimeSpan.Zero);

    private const string TasksPath = "/contents/generations/tasks";
    private const int FramesPerSecond = 24;
    private const int MaxImageBytes = 30 * 1024 * 1024;
    private const int MinImageSide = 300;
    private const int MaxImageSide = 6000;
    private const int MaxReferenceMedia = 3;

    private static readonly string[] ImageFormats = { "jpeg", "png", "webp", "bmp", "tiff", "gif" };
    private static readonly string[] Ratios = { "16:9", "4:3", "1:1", "3:4", "9:16", "21:9", "adaptive" };
    private static readonly string[] ImageRoles = { "first_frame", "last_frame", "reference_image" };

    private static readonly IReadOnlyDictionary<string, ArkModel> Models = ModelTable();

    private readonly EmulatorServices _services;
    private readonly ConcurrentDictionary<string, TaskOptions> _options = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Uri>> _lastFrames = new(StringComparer.Ordinal);

    public ArkTwin(EmulatorServices services)
    {
        _services = services;
        Routes = RouteTable();
        _services.Tasks.Finished += SendFinalCallback;
    }

    public string Provider => "Ark";

    public string Prefix => "ark";

    public JsonNode ErrorBody(int status, string message)
    {
        var (code, type) = status switch
        {
            400 => ("InvalidParameter", "BadRequest"),
            401 => ("AuthenticationError", "Unauthorized"),
            403 => ("AccessDenied", "Forbidden"),
            404 => ("ResourceNotFound", "NotFound"),
            429 => ("RateLimitExceeded", "TooManyRequests"),
            _ => ("InternalServiceError", "InternalServerError"),
        };
        return Error(code, message, string.Empty, type);
    }

    private async Task SubmitAsync(EmulatorContext context, string key)
    {
        var raw = await context.ReadBodyAsync().ConfigureAwait(false);
        var body = EmulatorContext.ParseObject(raw);
        if (body is null)
        {
            await RespondErrorAsync(context, 400, "InvalidParameter", "The request body is not valid JSON.", string.Empty, "BadRequest").ConfigureAwait(false);
            return;
        }

        var spec = new EmulatedTaskSpec { Provider = Provider, RawBody = raw };
        var options = new TaskOptions();
        var problem = Validate(body, spec, options);
        if (problem is not null)
        {
            await RespondErrorAsync(context, problem.Status, problem.Code, problem.Message, problem.Param, problem.Status == 404 ? "NotFound" : "BadRequest").ConfigureAwait(false);
            return;
        }

        // Ark's moderation refuses a real person's likeness at create time, naming the input in its code.
        if (_services.Tasks.RefusesInputImages(spec))
        {
            await RespondErrorAsync(context, 400, "InputImageSensitiveContentDetected.PrivacyInformation", "The request failed because the input image may contain real person.", "content", "BadRequest").ConfigureAwait(false);
            return;
        }

        var id = NewTaskId(DateTimeOffset.UtcNow);
        _options[id] = options;
        var task = _services.Tasks.Create(id, key, spec, context.FinishesAtOnce);
        SendCallback(task);
        await context.RespondJsonAsync(200, new JsonObject { ["id"] = id }).ConfigureAwait(false);
    }

    private async Task QueryAsync(EmulatorContext context, string key, string id)
    {
        var task = _services.Tasks.Observe(id);
        if (!IsVisibleTo(task, key))
        {
            await RespondTaskNotFoundAsync(context, id).ConfigureAwait(false);
            return;
        }

        await context.RespondJsonAsync(200, TaskBody(task!)).ConfigureAwait(false);
    }

    private async Task ListAsync(EmulatorContext context, string key)
    {
        var pageNumber = PageParameter(context, "page_num", 1);
        var pageSize = PageParameter(context, "page_size", 10);
        if (pageNumber is null || pageSize is null)
        {
            var name = pageNumber is null ? "page_num" : "page_size";
            await RespondErrorAsync(context, 400, "InvalidParameter", InvalidMessage(name, "must be an integer from 1 to 500"), name, "BadRequest").ConfigureAwait(false);
            return;
        }

        var status = context.Query["filter.status"];
        var ids = context.Query.GetValues("filter.task_ids") ?? Array.Empty<string>();
        var model = context.Query["filter.model"];
        var matching = _services.Tasks.Snapshot()
            .Where(task => IsVisibleTo(task, key))
            .Where(task => status is null || StatusOf(task) == status)
            .Where(task => ids.Length == 0 || ids.Contains(task.Id))
            .Where(task => model is null || task.Spec.Model == model)
            .OrderByDescending(task => task.CreatedAt)
            .ToList();
        var page = matching.Skip((pageNumber.Value - 1) * pageSize.Value).Take(pageSize.Value).Select(task => (JsonNode)TaskBody(task));
        await context.RespondJsonAsync(200, new JsonObject { ["total"] = matching.Count, ["items"] = new JsonArray(page.ToArray()) }).ConfigureAwait(false);
    }

    private async Task DeleteAsync(EmulatorContext context, string key, string id)
    {
        var before = IsVisibleTo(_services.Tasks.Peek(id), key) ? _services.Tasks.Cancel(id, runningToo: false) : null;
        switch (before)
        {
            case null:
                await RespondTaskNotFoundAsync(context, id).ConfigureAwait(false);
                return;
            case EmulatedTaskState.Running or EmulatedTaskState.Cancelled:
                // Only a queued task can be cancelled, and a cancelled record cannot be deleted. Ark documents
                // the refusal but not its code; this one is the twin's choice.
                var state = StatusWord(before.Value);
                await RespondErrorAsync(context, 400, "OperationDenied.InvalidState", $"The task {id} is {state} and cannot be cancelled or deleted: only queued tasks can be cancelled.", "id", "BadRequest").ConfigureAwait(false);
                return;
            case EmulatedTaskState.Succeeded or EmulatedTaskState.Failed:
                _services.Tasks.Delete(id);
                break;
        }

        await context.RespondJsonAsync(200, new JsonObject()).ConfigureAwait(false);
    }

    /// <summary>Checks a create-task body the way Ark does; null when it is acceptable (then the spec is filled in).</summary>
    private static Problem? Validate(JsonObject body, EmulatedTaskSpec spec, TaskOptions options)
    {
        var modelId = JsonFields.Text(body, "model");
        if (string.IsNullOrWhiteSpace(modelId))
        {
            return Missing("model");
        }

        if (!Models.TryGetValue(modelId!, out var model))
        {
            return new Problem(404, "InvalidEndpointOrModel.NotFound", "model", $"The model or endpoint {modelId} does not exist or you do not have access to it.");
        }

        spec.Model = modelId!;
        var problem = ValidateContent(JsonFields.Array(body, "content"), model, spec);
        if (problem is not null)
        {
            return problem;
        }

        problem = ValidateDuration(body, model, spec);
        if (problem is not null)
        {
            return problem;
        }

        var resolution = JsonFields.Text(body, "resolution");
        if (body.ContainsKey("resolution") && !model.Resolutions.Contains(resolution ?? string.Empty, StringComparer.OrdinalIgnoreCase))
        {
            return Invalid("resolution", $"must be one of {string.Join(", ", model.Resolutions)} for {modelId}");
        }

        var ratio = JsonFields.Text(body, "ratio");
        if (body.ContainsKey("ratio") && !Ratios.Contains(ratio ?? string.Empty))
        {
            return Invalid("ratio", $"must be one of {string.Join(", ", Ratios)}");
        }

        var seed = body["seed"] is JsonValue seedValue && seedValue.TryGetValue<long>(out var number) ? number : (long?)null;
        if (body.ContainsKey("seed") && seed is not (>= -1 and <= 4294967295L))
        {
            return Invalid("seed", "must be an integer from -1 to 4294967295");
        }

        foreach (var flag in new[] { "camera_fixed", "watermark", "generate_audio", "return_last_frame" })
        {
            if (body.ContainsKey(flag) && JsonFields.Boolean(body, flag) is null)
            {
                return Invalid(flag, "must be a boolean");
            }
        }

        if (body.ContainsKey("camera_fixed") && !model.CameraFixed)
        {
            return Invalid("camera_fixed", $"is not supported by {modelId}");
        }

        if (body.ContainsKey("generate_audio") && !model.Audio)
        {
            return Invalid("generate_audio", $"is not supported by {modelId}");
        }

        var callback = JsonFields.Text(body, "callback_url");
        if (body.ContainsKey("callback_url") && !Uri.TryCreate(callback, UriKind.Absolute, out _))
        {
            return Invalid("callback_url", "must be an absolute URL");
        }

        // The end user a task is made for (the SDK's ContentGenerationTask echoes it), kept as sent.
        var safetyIdentifier = JsonFields.Text(body, "safety_identifier");
        if (body.ContainsKey("safety_identifier") && safetyIdentifier is null)
        {
            return Invalid("safety_identifier", "must be a string");
        }

        var tier = JsonFields.Text(body, "service_tier") ?? "default";
        if (tier is not ("default" or "flex"))
        {
            return Invalid("service_tier", "must be default or flex");
        }

        if (tier == "flex" && !model.Flex)
        {
            return Invalid("service_tier", $"flex (offline inference) is not supported by {modelId}");
        }

        var expiresAfter = body.ContainsKey("execution_expires_after") ? JsonFields.Integer(body, "execution_expires_after") : 172800;
        if (expiresAfter is not (>= 3600 and <= 259200))
        {
            return Invalid("execution_expires_after", "must be an integer from 3600 to 259200");
        }

        spec.Resolution = resolution?.ToLowerInvariant() ?? model.DefaultResolution;
        spec.AspectRatio = ratio is null or "adaptive" ? null : ratio;
        spec.Audio = model.Audio && (JsonFields.Boolean(body, "generate_audio") ?? true);
        spec.CameraFixed = JsonFields.Boolean(body, "camera_fixed") ?? false;
        spec.WebhookUrl = callback;
        options.Seed = seed is null or -1 ? new Random().Next() : seed.Value;
        options.ReturnLastFrame = JsonFields.Boolean(body, "return_last_frame") ?? false;
        options.ServiceTier = tier;
        options.SafetyIdentifier = safetyIdentifier;
        options.ExecutionExpiresAfter = expiresAfter.Value;
        return null;
    }

    /// <summary>
    /// The content items: at most one text, and images in one scenario only — a first frame (role optional),
    /// a first and a last frame (roles required), or reference images; reference videos and audio on 2.x.
    /// </summary>
    private static Problem? ValidateContent(JsonArray? content, ArkModel model, EmulatedTaskSpec spec)
    {
        if (content is null || content.Count == 0)
        {
            return Missing("content");
        }

        var roles = new List<string?>();
        var videos = 0;
        var audios = 0;
        var texts = 0;
        foreach (var node in content)
        {
            if (node is not JsonObject item)
            {
                return Invalid("content", "each item must be an object");
            }

            switch (JsonFields.Text(item, "type"))
            {
                case "text":
                    spec.Prompt = JsonFields.Text(item, "text") ?? string.Empty;
                    texts++;
                    break;
                case "image_url":
                    var problem = ValidateImage(item);
                    if (problem is not null)
                    {
                        return problem;
                    }

                    roles.Add(JsonFields.Text(item, "role"));
                    if (JsonFields.Text(item, "role") != "last_frame")
                    {
                        spec.AddImages(item["image_url"]?["url"]);
                    }

                    break;
                case "video_url" or "audio_url" when model.ReferenceMedia:
                    var isVideo = JsonFields.Text(item, "type") == "video_url";
                    var mediaProblem = isVideo ? ValidateReferenceMedia(item, "video_url", "reference_video", takesBase64: false) : ValidateReferenceMedia(item, "audio_url", "reference_audio", takesBase64: true);
                    if (mediaProblem is not null)
                    {
                        return mediaProblem;
                    }

                    videos += isVideo ? 1 : 0;
                    audios += isVideo ? 0 : 1;
                    break;
                case "draft_task":
                    break;
                default:
                    return Invalid("content.type", $"'{JsonFields.Text(item, "type")}' is not a content type {spec.Model} accepts");
            }
        }

        spec.ImageCount = roles.Count;
        var firstFrames = roles.Count(role => role is null or "first_frame");
        var lastFrames = roles.Count(role => role == "last_frame");
        var references = roles.Count(role => role == "reference_image");
        return texts > 1 ? Invalid("content", "at most one text item is allowed")
            : texts == 0 && roles.Count == 0 && videos + audios == 0 ? Missing("content.text")
            : texts == 0 && model.MaxReferences == 0 && !model.TakesFirstFrame ? Missing("content.text")
            : roles.Count == 0 && model.RequiresImage ? Missing("content.image_url")
            : roles.Count > 0 && !model.TakesFirstFrame && model.MaxReferences == 0 ? Invalid("content.image_url", $"{spec.Model} generates from text only")
            : roles.Count > 1 && roles.Contains(null) ? Invalid("content.role", "role is required when more than one image is given")
            : references > 0 && firstFrames + lastFrames > 0 ? Invalid("content.role", "first_frame/last_frame and reference_image cannot be used in the same task")
            : firstFrames > 1 || lastFrames > 1 ? Invalid("content.role", "at most one first_frame and one last_frame are allowed")
            : lastFrames == 1 && firstFrames == 0 ? Invalid("content.role", "last_frame needs a first_frame")
            : lastFrames == 1 && !model.TakesLastFrame ? Invalid("content.role", $"last_frame is not supported by {spec.Model}")
            : firstFrames == 1 && !model.TakesFirstFrame ? Invalid("content.role", $"first_frame is not supported by {spec.Model}")
            : references > model.MaxReferences ? Invalid("content", $"at most {model.MaxReferences} reference images are allowed for {spec.Model}")
            : videos > MaxReferenceMedia || audios > MaxReferenceMedia ? Invalid("content", $"at most {MaxReferenceMedia} reference videos and {MaxReferenceMedia} reference audios are allowed")
            : audios > 0 && videos == 0 && roles.Count == 0 ? Invalid("content.audio_url", "reference audio needs at least one image or reference video")
            : null;
    }

    /// <summary>
    /// A reference video or audio item: its one role, and an http(s) URL or an asset:// id; audio may also be a
    /// data:audio/&lt;fmt&gt;;base64, URI, video may not (Ark's create-task reference).
    /// </summary>
    private static Problem? ValidateReferenceMedia(JsonObject item, string kind, string role, bool takesBase64)
    {
        if (JsonFields.Text(item, "role") != role)
        {
            return Invalid("content.role", $"a {kind} item must have role {role}");
        }

        var url = item[kind] is JsonObject media ? JsonFields.Text(media, "url") : null;
        if (string.IsNullOrWhiteSpace(url))
        {
            return Missing($"content.{kind}.url");
        }

        if (takesBase64 && url!.StartsWith("data:audio/", StringComparison.Ordinal) && url.Contains(";base64,"))
        {
            return null;
        }

        var allowed = takesBase64 ? "an http(s) URL, an asset:// id or a data:audio/<format>;base64, URI" : "an http(s) URL or an asset:// id";
        return Uri.TryCreate(url, UriKind.Absolute, out var remote) && remote.Scheme is "http" or "https" or "asset"
            ? null
            : Invalid($"content.{kind}.url", $"must be {allowed}");
    }

    /// <summary>An image item: a known role, and a URL or a <c>data:image/&lt;fmt&gt;;base64,</c> URI within Ark's limits.</summary>
    private static Problem? ValidateImage(JsonObject item)
    {
        var role = JsonFields.Text(item, "role");
        if (item.ContainsKey("role") && !ImageRoles.Contains(role ?? string.Empty))
        {
            return Invalid("content.role", $"must be one of {string.Join(", ", ImageRoles)}");
        }

        var url = item["image_url"] is JsonObject image ? JsonFields.Text(image, "url") : null;
        if (string.IsNullOrWhiteSpace(url))
        {
            return Missing("content.image_url.url");
        }

        if (!url!.StartsWith("data:", StringComparison.Ordinal))
        {
            return Uri.TryCreate(url, UriKind.Absolute, out var remote) && remote.Scheme is "http" or "https"
                ? null
                : Invalid("content.image_url.url", "must be an http(s) URL or a data:image/<format>;base64, URI");
        }

        var comma = url.IndexOf(',');
        var header = comma < 0 ? url : url.Substring(0, comma);
        var format = header.StartsWith("data:image/", StringComparison.Ordinal) && header.EndsWith(";base64", StringComparison.Ordinal)
            ? header.Substring("data:image/".Length, header.Length - "data:image/".Length - ";base64".Length)
            : null;
        if (format is null || !ImageFormats.Contains(format))
        {
            return Invalid("content.image_url.url", $"a base64 image must start with data:image/<format>;base64, where the format is one of {string.Join(", ", ImageFormats)} in lower case");
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(url.Substring(comma + 1));
        }
        catch (FormatException)
        {
            return Invalid("content.image_url.url", "the base64 data cannot be decoded");
        }

        if (bytes.Length > MaxImageBytes)
        {
            return Invalid("content.image_url.url", "the image must be smaller than 30 MB");
        }

        return ImageDimensions.Of(bytes) is { } size && !FitsArk(size.Width, size.Height)
            ? Invalid("content.image_url.url", $"the image is {size.Width}x{size.Height}; each side must be {MinImageSide} to {MaxImageSide} px and width/height between 0.4 and 2.5")
            : null;
    }

    private static bool FitsArk(int width, int height)
    {
        var aspect = width / (double)height;
        return width is >= MinImageSide and <= MaxImageSide && height is >= MinImageSide and <= MaxImageSide && aspect > 0.4 && aspect < 2.5;
    }

    private static Problem? ValidateDuration(JsonObject body, ArkModel model, EmulatedTaskSpec spec)
    {
        if (!body.ContainsKey("duration"))
        {
            spec.DurationSeconds = 5;
            return null;
        }

        var duration = JsonFields.Integer(body, "duration");
        if (duration == -1 && model.AutoDuration)
        {
            // "Let the model choose": the emulated model chooses 5 s.
            spec.DurationSeconds = 5;
            return null;
        }

        if (duration is null || duration < model.MinDuration || duration > model.MaxDuration)
        {
            return Invalid("duration", $"must be an integer from {model.MinDuration} to {model.MaxDuration}{(model.AutoDuration ? ", or -1" : string.Empty)}");
        }

        spec.DurationSeconds = duration.Value;
        return null;
    }

    /// <summary>The task as a status answer, a list item and a callback body all show it.</summary>
    private JsonObject TaskBody(EmulatedTask task)
    {
        var options = _options.TryGetValue(task.Id, out var known) ? known : new TaskOptions();
        var created = task.CreatedAt.ToUnixTimeSeconds();
        var body = new JsonObject
        {
            ["id"] = task.Id,
            ["model"] = task.Spec.Model,
            ["status"] = StatusOf(task),
            ["error"] = task.State == EmulatedTaskState.Failed ? FailureOf(task) : null,
            ["created_at"] = created,
            ["updated_at"] = (task.CompletedAt ?? task.StartedAt)?.ToUnixTimeSeconds() ?? created,
            ["seed"] = options.Seed,
            ["resolution"] = task.Spec.Resolution,
            ["ratio"] = task.Spec.AspectRatio ?? "16:9",
            ["duration"] = task.Spec.DurationSeconds,
            ["framespersecond"] = FramesPerSecond,
            ["generate_audio"] = task.Spec.Audio,
            ["service_tier"] = options.ServiceTier,
            ["execution_expires_after"] = options.ExecutionExpiresAfter,
            ["draft"] = false,
        };

        if (options.SafetyIdentifier is not null)
        {
            body["safety_identifier"] = options.SafetyIdentifier;
        }

        if (task.State == EmulatedTaskState.Succeeded)
        {
            var content = new JsonObject { ["video_url"] = _services.VideoUrl(task).AbsoluteUri };
            if (options.ReturnLastFrame)
            {
                content["last_frame_url"] = _lastFrames.GetOrAdd(task.Id, _ => new Lazy<Uri>(() => StoreLastFrame(task))).Value.AbsoluteUri;
            }

            var (width, height) = VideoDimensions.For(task.Spec.Resolution, task.Spec.AspectRatio);
            var tokens = (long)width * height * FramesPerSecond * task.Spec.DurationSeconds / 1024;
            body["content"] = content;
            body["usage"] = new JsonObject { ["completion_tokens"] = tokens, ["total_tokens"] = tokens };
        }

        return body;
    }

    /// <summary>The video's last frame as a PNG the size of the video, as Ark returns for return_last_frame.</summary>
    private Uri StoreLastFrame(EmulatedTask task) =>
        _services.Uploads.Store(_services.Files.LastFramePng(task), "image/png", $"{task.Id}_last-frame.png");

    private static JsonObject FailureOf(EmulatedTask task) => task.AudioRefused
        ? new JsonObject { ["code"] = "AudioSensitiveContentDetected.PolicyViolation", ["message"] = $"The request failed because the generated audio may contain sensitive information. Request id: {RequestId()}" }
        : task.RefusedByPolicy
        ? new JsonObject { ["code"] = "OutputVideoSensitiveContentDetected", ["message"] = $"The request failed because the output video may contain sensitive information. Request id: {RequestId()}" }
        : new JsonObject { ["code"] = "InternalServiceError", ["message"] = $"{task.Error} Request id: {RequestId()}" };

    private static string StatusOf(EmulatedTask task) => StatusWord(task.State);

    private static string StatusWord(EmulatedTaskState state) => state switch
    {
        EmulatedTaskState.Queued => "queued",
        EmulatedTaskState.Running => "running",
        EmulatedTaskState.Succeeded => "succeeded",
        EmulatedTaskState.Cancelled => "cancelled",
        _ => "failed",
    };

    private static bool IsVisibleTo(EmulatedTask? task, string key) =>
        task is not null && task.Spec.Provider == "Ark" && task.Key == key;

    /// <summary>
    /// The callback for the state a task is in now (queued, or running when it started at once). Ark waits 5 s for
    /// an acknowledgement and, for succeeded and failed only, tries three more times when none comes.
    /// </summary>
    private void SendCallback(EmulatedTask task)
    {
        if (!string.IsNullOrEmpty(task.Spec.WebhookUrl))
        {
            _services.Webhooks.Send(task.Spec.WebhookUrl!, TaskBody(task).ToJsonString(), new Dictionary<string, string>(),
                task.IsFinal ? FinalCallbackDelivery : WebhookDelivery.Once(FinalCallbackDelivery.AttemptTimeout));
        }
    }

    /// <summary>Ark calls back on succeeded and failed; cancelled is not among its callback statuses.</summary>
    private void SendFinalCallback(EmulatedTask task)
    {
        if (task.Spec.Provider == Provider && task.State != EmulatedTaskState.Cancelled)
        {
            SendCallback(task);
        }
    }

    private static int? PageParameter(EmulatorContext context, string name, int fallback)
    {
        var text = context.Query[name];
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, out var value) && value is >= 1 and <= 500 ? value : null;
    }

    /// <summary>cgt-YYYYMMDDHHMMSS-xxxxx, as Ark's task ids are.</summary>
    private static string NewTaskId(DateTimeOffset now)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        var suffix = new string(Guid.NewGuid().ToByteArray().Take(5).Select(b => alphabet[b % alphabet.Length]).ToArray());
        return $"cgt-{now.UtcDateTime:yyyyMMddHHmmss}-{suffix}";
    }

    private static string RequestId() => DateTimeOffset.UtcNow.ToString("yyyyMMddHHmmss") + Guid.NewGuid().ToString("N").Substring(0, 20);

    private static Problem Missing(string param) =>
        new(400, "MissingParameter", param, $"The request failed because it is missing one or multiple required parameters. Missing parameter: {param}.");

    private static Problem Invalid(string param, string detail) =>
        new(400, "InvalidParameter", param, InvalidMessage(param, detail));

    private static string InvalidMessage(string param, string detail) =>
        $"The parameter `{param}` specified in the request is not valid: {detail}.";

    private static JsonObject Error(string code, string message, string param, string type) =>
        new() { ["error"] = new JsonObject { ["code"] = code, ["message"] = $"{message} Request id: {RequestId()}", ["param"] = param, ["type"] = type } };

    private static Task RespondErrorAsync(EmulatorContext context, int status, string code, string message, string param, string type) =>
        context.RespondJsonAsync(status, Error(code, message, param, type));

    private static Task RespondTaskNotFoundAsync(EmulatorContext context, string id) =>
        RespondErrorAsync(context, 404, "ResourceNotFound", $"The specified task {id} is not found.", "id", "NotFound");

    /// <summary>
    /// What each model accepts, under both regions' ids: 2.0 take a first frame, first+last, or up to 9
    /// references (plus reference videos and audio) for 4 to 15 s or -1 (auto), 2.5 up to 50 for up to 30 s; 1.5 Pro first frame or
    /// first+last for 4 to 12 s; 1.0 Pro first frame for 2 to 12 s; 1.0 Lite i2v also up to 4 references.
    /// </summary>
    private static IReadOnlyDictionary<string, ArkModel> ModelTable()
    {
        var upTo720p = new[] { "480p", "720p" };
        var upTo1080p = new[] { "480p", "720p", "1080p" };
        // 2.x has no camera_fixed: "Seedance 2.0 系列暂不支持" in the create-task reference.
        var seedance2 = new ArkModel(4, 15, true, upTo1080p, "720p", 9, TakesFirstFrame: true, TakesLastFrame: true, Audio: true) { ReferenceMedia = true, CameraFixed = false, Flex = false };
        var table = new Dictionary<string, ArkModel>(StringComparer.Ordinal);
        void Add(ArkModel model, params string[] ids)
        {
            foreach (var id in ids)
            {
                table[id] = model;
            }
        }

        Add(seedance2 with { Resolutions = upTo720p }, "dreamina-seedance-2-0-fast-260128", "doubao-seedance-2-0-fast-260128");
        Add(seedance2, "dreamina-seedance-2-0-260128", "doubao-seedance-2-0-260128");
        Add(seedance2 with { Resolutions = upTo720p }, "dreamina-seedance-2-0-mini-260615");
        // 2.5: clips up to 30 s and up to 50 references.
        Add(seedance2 with { MaxDuration = 30, MaxReferences = 50 }, "dreamina-seedance-2-5-260628");
        Add(new ArkModel(4, 12, true, upTo1080p, "720p", 0, TakesFirstFrame: true, TakesLastFrame: true, Audio: true), "seedance-1-5-pro-251215", "doubao-seedance-1-5-pro-251215");
        Add(new ArkModel(2, 12, false, upTo1080p, "1080p", 0, TakesFirstFrame: true, TakesLastFrame: false, Audio: false), "seedance-1-0-pro-250528", "doubao-seedance-1-0-pro-250528", "seedance-1-0-pro-fast-251015", "doubao-seedance-1-0-pro-fast-251015");
        Add(new ArkModel(2, 12, false, upTo1080p, "720p", 4, TakesFirstFrame: true, TakesLastFrame: true, Audio: false) { RequiresImage = true }, "seedance-1-0-lite-i2v-250428", "doubao-seedance-1-0-lite-i2v-250428");
        Add(new ArkModel(2, 12, false, upTo1080p, "720p", 0, TakesFirstFrame: false, TakesLastFrame: false, Audio: false), "seedance-1-0-lite-t2v-250428", "doubao-seedance-1-0-lite-t2v-250428");
        return table;
    }

    private sealed record ArkModel(int MinDuration, int MaxDuration, bool AutoDuration, string[] Resolutions, string DefaultResolution, int MaxReferences, bool TakesFirstFrame, bool TakesLastFrame, bool Audio)
    {
        public bool RequiresImage { get; init; }

        public bool ReferenceMedia { get; init; }

        public bool CameraFixed { get; init; } = true;

        /// <summary>Whether service_tier flex (offline inference) is offered: not on Seedance 2.x.</summary>
        public bool Flex { get; init; } = true;
    }

    private sealed record Problem(int Status, string Code, string Param, string Message);

    /// <summary>What a task echoes back that the shared task store does not keep.</summary>
    private sealed class TaskOptions
    {
        public long Seed { get; set; }

        public bool ReturnLastFrame { get; set; }

        public string ServiceTier { get; set; } = "default";

        public string? SafetyIdentifier { get; set; }

        public int ExecutionExpiresAfter { get; set; } = 172800;
    }
}
