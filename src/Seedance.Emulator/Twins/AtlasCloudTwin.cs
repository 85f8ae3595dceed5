using System.Text.Json.Nodes;
using Seedance.Emulator.Server;
using Seedance.Emulator.Tasks;

namespace Seedance.Emulator.Twins;

/// <summary>
/// Atlas Cloud: <c>POST /api/v1/model/generateVideo</c> with a flat body naming the model, <c>GET
/// /api/v1/model/prediction/{id}</c>, <c>POST /api/v1/model/uploadMedia</c> (multipart <c>file</c>); answers in a
/// <c>{code, message, data}</c> envelope with statuses starting, processing, completed, failed; the video in
/// <c>outputs[0]</c>; <c>webhook_url</c> in the body for a callback when the task ends. There is no cancel.
/// </summary>
/// <remarks>
/// Where Atlas Cloud publishes nothing, the twin makes these choices (and the provider code reads them):
/// errors are <c>{"code": status, "msg": text}</c>; a bad request is 400, an unknown prediction 404; unknown
/// body fields are dropped without complaint, as the gateway is reported to do; tasks beyond the concurrency
/// limit wait as "starting" rather than being refused; the callback body is <c>{"event_type", "data"}</c> with
/// the prediction as polled, unsigned here (the real one is signed with Ed25519, format unpublished).
/// </remarks>
internal sealed partial class AtlasCloudTwin : IProviderTwin
{
    private const string WebhookEvent = "video.task.terminal";

    /// <summary>Atlas Cloud retries its callback "for about 30 minutes": waits of 1, 2, 4, 8 and 16 min (GAP: the answer deadline; 15 s here).</summary>
    internal static readonly WebhookDelivery WebhookDelivery = new(TimeSpan.FromSeconds(15), 5, TimeSpan.FromMinutes(1));
    private const int MaxReferenceImages = 9;

    private static readonly string[] FastResolutions = { "480p", "720p" };
    private static readonly string[] StandardResolutions = { "480p", "720p", "1080p" };
    private static readonly HashSet<string> Ratios = new(StringComparer.Ordinal) { "21:9", "16:9", "4:3", "1:1", "3:4", "9:16", "adaptive" };

    private static readonly Dictionary<string, SeedanceModel> Models = new(StringComparer.Ordinal)
    {
        ["bytedance/seedance-2.0-fast/image-to-video"] = new(Input.FirstFrame, FastResolutions),
        ["bytedance/seedance-2.0-fast/text-to-video"] = new(Input.Text, FastResolutions),
        ["bytedance/seedance-2.0-fast/reference-to-video"] = new(Input.References, FastResolutions),
        ["bytedance/seedance-2.0/image-to-video"] = new(Input.FirstFrame, StandardResolutions),
        ["bytedance/seedance-2.0/text-to-video"] = new(Input.Text, StandardResolutions),
        ["bytedance/seedance-2.0/reference-to-video"] = new(Input.References, StandardResolutions),
    };

    private readonly EmulatorServices _services;

    public AtlasCloudTwin(EmulatorServices services)
    {
        _services = services;
        Routes = RouteTable();
        _services.Tasks.Finished += SendWebhook;
    }

    private enum Input
    {
        Text,
        FirstFrame,
        References,
    }

    public string Provider => "AtlasCloud";

    public string Prefix => "atlascloud";

    public JsonNode ErrorBody(int status, string message) => new JsonObject { ["code"] = status, ["msg"] = message };

    private async Task SubmitAsync(EmulatorContext context, string key)
    {
        var raw = await context.ReadBodyAsync().ConfigureAwait(false);
        var body = EmulatorContext.ParseObject(raw);
        if (body is null)
        {
            await context.RespondErrorAsync(this, 400, "invalid JSON body").ConfigureAwait(false);
            return;
        }

        var problem = Validate(body, out var spec);
        if (problem is not null)
        {
            await context.RespondErrorAsync(this, 400, problem).ConfigureAwait(false);
            return;
        }

        spec.RawBody = raw;
        var task = _services.Tasks.Create("pred_" + Guid.NewGuid().ToString("N"), key, spec, context.FinishesAtOnce);
        await context.RespondEnvelopeAsync(Prediction(task)).ConfigureAwait(false);
    }

    private static string? Validate(JsonObject body, out EmulatedTaskSpec spec)
    {
        var modelId = JsonFields.Text(body, "model");
        spec = new EmulatedTaskSpec { Provider = "AtlasCloud", Model = modelId ?? string.Empty };
        if (modelId is null || !Models.TryGetValue(modelId, out var model))
        {
            return modelId is null ? "model is required" : $"model {modelId} not found";
        }

        spec.Prompt = JsonFields.Text(body, "prompt") ?? string.Empty;
        if (model.Input == Input.Text && string.IsNullOrWhiteSpace(spec.Prompt))
        {
            return "prompt is required";
        }

        var imageProblem = model.Input switch
        {
            Input.FirstFrame => CountFrames(body, spec),
            Input.References => CountReferences(body, spec),
            _ => null,
        };
        if (imageProblem is not null)
        {
            return imageProblem;
        }

        var duration = body["duration"] is null ? 5 : JsonFields.Integer(body, "duration");
        if (duration is not (-1 or (>= 4 and <= 15)))
        {
            return "duration must be an integer from 4 to 15, or -1 to let the model choose";
        }

        spec.DurationSeconds = duration == -1 ? 5 : duration.Value;
        spec.Resolution = JsonFields.Text(body, "resolution") ?? "720p";
        if (!model.Resolutions.Contains(spec.Resolution))
        {
            return $"resolution must be one of {string.Join(", ", model.Resolutions)}";
        }

        var ratio = JsonFields.Text(body, "ratio") ?? "adaptive";
        if (!Ratios.Contains(ratio))
        {
            return $"ratio must be one of {string.Join(", ", Ratios)}";
        }

        spec.AspectRatio = ratio == "adaptive" ? null : ratio;
        spec.Audio = JsonFields.Boolean(body, "generate_audio") ?? true;
        spec.WebhookUrl = JsonFields.Text(body, "webhook_url");
        return spec.WebhookUrl is null || IsWebAddress(spec.WebhookUrl) ? null : "webhook_url must be an http(s) URL";
    }

    /// <summary>Image-to-video: <c>image</c> is the required first frame, <c>last_image</c> the optional last.</summary>
    private static string? CountFrames(JsonObject body, EmulatedTaskSpec spec)
    {
        var image = JsonFields.Text(body, "image");
        var lastImage = JsonFields.Text(body, "last_image");
        if (image is null)
        {
            return "image is required";
        }

        if (!IsImage(image) || (body["last_image"] is not null && (lastImage is null || !IsImage(lastImage))))
        {
            return "image and last_image must be image URLs or base64 data URIs";
        }

        spec.ImageCount = lastImage is null ? 1 : 2;
        spec.AddImages(body["image"]);
        return null;
    }

    /// <summary>Reference-to-video: 1 to 9 <c>reference_images</c> (reference videos alone would do too).</summary>
    private static string? CountReferences(JsonObject body, EmulatedTaskSpec spec)
    {
        var images = JsonFields.Array(body, "reference_images");
        if (images is null)
        {
            return JsonFields.Array(body, "reference_videos") is { Count: > 0 } ? null : "reference_images or reference_videos is required";
        }

        if (images.Count < 1 || images.Count > MaxReferenceImages)
        {
            return $"reference_images must contain between 1 and {MaxReferenceImages} items";
        }

        if (images.Any(item => item is not JsonValue value || !value.TryGetValue<string>(out var text) || !IsImage(text)))
        {
            return "reference_images must be image URLs or base64 data URIs";
        }

        spec.ImageCount = images.Count;
        spec.AddImages(images);
        return null;
    }

    private static bool IsImage(string value) =>
        value.StartsWith("data:image/", StringComparison.OrdinalIgnoreCase) || IsWebAddress(value);

    private static bool IsWebAddress(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private async Task StatusAsync(EmulatorContext context, string id)
    {
        if (await context.ObserveTaskAsync(this, _services.Tasks, id, "prediction not found").ConfigureAwait(false) is { } task)
        {
            await context.RespondEnvelopeAsync(Prediction(task)).ConfigureAwait(false);
        }
    }

    private async Task UploadAsync(EmulatorContext context)
    {
        var form = await context.ReadFormAsync().ConfigureAwait(false);
        if (form is null || !form.Parts.TryGetValue("file", out var file) || file.Content.Length == 0)
        {
            await context.RespondErrorAsync(this, 400, "file is required (multipart/form-data)").ConfigureAwait(false);
            return;
        }

        var fileName = file.FileName ?? "upload.bin";
        var url = _services.Uploads.Store(file.Content, file.ContentType, fileName);
        await context.RespondEnvelopeAsync(new JsonObject
        {
            ["type"] = file.ContentType.Split('/')[0],
            ["download_url"] = url.AbsoluteUri,
            ["filename"] = fileName,
            ["size"] = file.Content.Length,
        }).ConfigureAwait(false);
    }

    private JsonObject Prediction(EmulatedTask task) => new()
    {
        ["id"] = task.Id,
        ["model"] = task.Spec.Model,
        ["status"] = task.State switch
        {
            EmulatedTaskState.Queued => "starting",
            EmulatedTaskState.Running => "processing",
            EmulatedTaskState.Succeeded => "completed",
            _ => "failed",
        },
        ["outputs"] = task.State == EmulatedTaskState.Succeeded ? new JsonArray(_services.VideoUrl(task).AbsoluteUri) : new JsonArray(),
        ["error"] = task.State == EmulatedTaskState.Failed ? task.Error : null,
        ["metrics"] = task.CompletedAt is { } done && task.StartedAt is { } start
            ? new JsonObject { ["predict_time"] = Math.Round((done - start).TotalSeconds, 3) }
            : new JsonObject(),
        ["created_at"] = TwinReplies.Timestamp(task.CreatedAt),
        ["completed_at"] = task.CompletedAt is { } completed ? TwinReplies.Timestamp(completed) : null,
    };

    private void SendWebhook(EmulatedTask task)
    {
        if (task.Spec.Provider != Provider || string.IsNullOrEmpty(task.Spec.WebhookUrl))
        {
            return;
        }

        var body = new JsonObject { ["event_type"] = WebhookEvent, ["data"] = Prediction(task) };
        _services.Webhooks.Send(task.Spec.WebhookUrl!, body.ToJsonString(), new Dictionary<string, string> { ["X-AtlasCloud-Webhook-Event"] = WebhookEvent }, WebhookDelivery);
    }

    private sealed class SeedanceModel
    {
        public SeedanceModel(Input input, string[] resolutions)
        {
            Input = input;
            Resolutions = resolutions;
        }

        public Input Input { get; }

        public string[] Resolutions { get; }
    }
}
