using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Seedance.Http;
using Seedance.Media;
using Seedance.Providers.Models;
using Seedance.Requests;
using Seedance.Tasks;

namespace Seedance.Providers;

/// <summary>
/// Atlas Cloud's unified model API: <c>POST /api/v1/model/generateVideo</c> with a flat body that names the
/// model, <c>GET /api/v1/model/prediction/{id}</c>, <c>POST /api/v1/model/uploadMedia</c> for local files;
/// answers come in a <c>{code, message, data}</c> envelope. Atlas Cloud documents no way to cancel a task.
/// </summary>
/// <remarks>
/// What each model does with the images (first frame, references, none) is the model's <see cref="ImageUse"/>,
/// so the field mapping below is driven by data: <c>image</c>/<c>last_image</c>, <c>reference_images</c>, or
/// nothing. Seedance 2.0 on Atlas Cloud calls the aspect ratio <c>ratio</c> and takes no seed or camera lock.
/// </remarks>
public sealed class AtlasCloudProvider : IVideoProvider, IFileUploader, IWebhookSource
{
    public const string Name = "AtlasCloud";

    private const string SubmitPath = "api/v1/model/generateVideo";
    private const string PredictionPath = "api/v1/model/prediction/";
    private const string UploadPath = "api/v1/model/uploadMedia";

    private static readonly ImageFields ImageFields = new("image", "reference_images", "last_image");

    /// <summary>Seedance 2.0 on Atlas Cloud calls the aspect ratio <c>ratio</c> and takes no seed or camera lock.</summary>
    private static readonly OptionFields OptionFields = new() { AspectRatio = "ratio", Seed = null, CameraFixed = null, WebhookUrl = "webhook_url" };

    public ProviderInfo Info { get; } = new(Name, new Uri("https://api.atlascloud.ai"), "Bearer", new[] { "ATLASCLOUD_API_KEY" }, AtlasCloudModels.All)
    {
        Aliases = new[] { "Atlas" },
        WebhookBehaviour = "webhook_url in the request; Atlas Cloud posts one signed callback when the task ends and retries it for about 30 minutes",
        // Local images up to 10 MB travel inline as data: URIs (the model takes them, and it saves a round trip);
        // larger ones, up to the model's 30 MB, go through uploadMedia first.
        InlineImageLimitBytes = 10L * 1024 * 1024,
        // Beyond ByteDance's own names: the image fields and the webhook.
        ReservedFields = ReservedFields.Seedance()
            .SetBy("Image", "image", "reference_images")
            .SetBy("LastImage", "last_image")
            .SetBy("WebhookUrl", "webhook_url")
            .Unchecked(ReservedFields.ReferenceMedia, "reference_videos", "reference_audios"),
        // No API lists predictions; the console shows the account's tasks and spending.
        RequestsPage = new Uri("https://console.atlascloud.ai"),
    };

    public async Task<VideoTask> SubmitAsync(ProviderContext context, PreparedRequest request, CancellationToken cancellationToken)
    {
        var response = await SubmitCall.PostAsync(context, SubmitPath, BodyOf(request), "submit a video task", cancellationToken).ConfigureAwait(false);
        var prediction = DataOf(response, "submit");
        return ReadPrediction(prediction, SubmitCall.TaskId(prediction, Name, request.Model.Id, shownAs: "data.id"));
    }

    public async Task<VideoTask> RefreshAsync(ProviderContext context, VideoTask task, CancellationToken cancellationToken)
    {
        var response = await context.Http.SendAsync(new ApiRequest(HttpCallKind.Status, HttpMethod.Get, context.Resolve(PredictionPath + Uri.EscapeDataString(task.Id)))
        {
            Purpose = $"report on task {task.Id}",
        }, cancellationToken).ConfigureAwait(false);
        return ReadPrediction(DataOf(response, "status request"), task);
    }

    public Task<CancelOutcome> CancelAsync(ProviderContext context, VideoTask task, CancellationToken cancellationToken)
    {
        SeedanceLog.Verbose($"{Name} offers no way to cancel a task: {task.Id} runs to the end (a failed generation is not charged).");
        return Task.FromResult(CancelOutcome.NotSupported);
    }

    public async Task<Uri> UploadAsync(ProviderContext context, ILocalFile file, CancellationToken cancellationToken)
    {
        var content = file.Content ?? throw new ArgumentException("Only local files are uploaded.", nameof(file));
        var response = await context.Http.SendAsync(new ApiRequest(HttpCallKind.Upload, HttpMethod.Post, context.Resolve(UploadPath))
        {
            ContentFactory = () =>
            {
                var part = new ByteArrayContent(content);
                part.Headers.ContentType = new MediaTypeHeaderValue(file.MediaType ?? "application/octet-stream");
                return new MultipartFormDataContent { { part, "file", file.FileName } };
            },
            Purpose = $"upload {file.FileName}",
        }, cancellationToken).ConfigureAwait(false);

        return DataOf(response, "upload").Url("download_url") ?? throw WireJson.Missing(Name, "data.download_url", "upload");
    }

    /// <summary>
    /// Errors carry their text in <c>msg</c> or <c>message</c> (Atlas Cloud's own client reads msg, then message,
    /// then error). 402 or a message about the balance means the account is out of credit, as that client
    /// decides too; a message about moderation means the content was refused.
    /// </summary>
    public ApiFailure DescribeFailure(ApiResponse response)
    {
        var body = WireJson.TryParse(response.Body);
        var status = (int)response.StatusCode;
        var message = body?.Text("msg") ?? body?.Text("message") ?? body?.Text("error") ?? body?.Text("error", "message") ?? $"HTTP {status}";
        var category = ApiFailure.CategoryOf(status);
        if (status == 402 || WireJson.Mentions(message, "insufficient", "balance", "top up"))
        {
            category = SeedanceErrorCategory.InsufficientBalance;
        }
        else if (WireJson.Mentions(message, "nsfw", "sensitive", "content policy", "moderation", "safety"))
        {
            category = SeedanceErrorCategory.ContentPolicy;
        }

        return new ApiFailure(category, message, body?.Text("code"));
    }

    private static JsonObject BodyOf(PreparedRequest request)
    {
        var body = new JsonObject { ["model"] = request.Model.Id };
        WireJson.AddIfSet(body, "prompt", request.Prompt);
        ImageFields.AddTo(body, request);
        body["duration"] = request.DurationSeconds;
        OptionFields.AddTo(body, request);
        WireJson.AddExtraFields(body, request.ExtraFields);
        return body;
    }

    /// <summary>
    /// The payload of an answer: its <c>data</c>, or the answer itself where it comes flat (one documented example
    /// shows the prediction at the top level). An envelope whose code is not 200 is a failure even under HTTP 200.
    /// </summary>
    private JsonElement DataOf(ApiResponse response, string call)
    {
        var root = response.Json;
        if (root.Integer("code") is { } code and not 200)
        {
            var failure = DescribeFailure(new ApiResponse((HttpStatusCode)code, response.Body, null));
            throw new SeedanceException(failure.Category, ErrorIds.ProviderError, $"{Name} answered the {call} with code {code}: {failure.Message}")
            {
                Provider = Name,
                StatusCode = (int)code,
                ProviderCode = failure.ProviderCode,
            };
        }

        return root.Node("data") is { ValueKind: JsonValueKind.Object } data ? data : root;
    }

    /// <summary>
    /// A callback is <c>{event_type, data: prediction}</c>. Atlas Cloud signs it with Ed25519 in a format it does not
    /// publish, so it only says which prediction to ask about.
    /// </summary>
    public VideoTask? TaskOf(JsonElement body) =>
        body.Text("data", "id") is { } id ? new VideoTask(id, Name, body.Text("data", "model") ?? string.Empty) : null;

    internal static VideoTask ReadPrediction(JsonElement prediction, VideoTask task)
    {
        var status = prediction.Text("status");
        var output = FirstOutput(prediction);
        var state = status switch
        {
            "starting" or "created" => TaskState.Queued,
            "processing" => TaskState.Running,
            // Atlas Cloud's examples accept both words for success.
            "completed" or "succeeded" => TaskState.Succeeded,
            "failed" or "timeout" => TaskState.Failed,
            _ => StillRunning(task, status),
        };
        var error = prediction.Text("error") ?? status switch
        {
            "timeout" => $"{Name} reported that the task timed out.",
            "failed" => $"{Name} reported the task failed without giving a reason.",
            _ => null,
        };
        return task.Next(state, output, error, createdAt: prediction.Time("created_at"), completedAt: prediction.Time("completed_at")) with
        {
            InferenceMs = prediction.Decimal("metrics", "predict_time") is { } seconds and > 0 ? (long)(seconds * 1000) : task.InferenceMs,
        };
    }

    /// <summary>A status word this module does not know is read as "still running", and said so.</summary>
    private static TaskState StillRunning(VideoTask task, string? status)
    {
        SeedanceLog.Verbose($"{Name} reported task {task.Id} as '{status ?? "(no status)"}', a status this module does not know; treating it as still running.");
        return TaskState.Running;
    }

    /// <summary>The video URL: <c>outputs[0]</c> as documented, or <c>output</c> (a list or one URL) as some answers have it.</summary>
    private static Uri? FirstOutput(JsonElement prediction) =>
        prediction.FirstUrl("outputs") ?? prediction.FirstUrl("output") ?? prediction.Url("output");
}
