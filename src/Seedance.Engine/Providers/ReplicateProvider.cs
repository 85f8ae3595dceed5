using System.Net.Http.Headers;
using System.Text;
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
/// Replicate's predictions API: <c>POST /v1/models/{owner}/{name}/predictions</c> with the model's fields under
/// <c>input</c>, <c>GET /v1/predictions/{id}</c>, <c>POST /v1/predictions/{id}/cancel</c>, and <c>POST /v1/files</c>
/// for images too large to send inline. Errors are RFC 7807 problem details (<c>{title, detail, status}</c>).
/// </summary>
public sealed class ReplicateProvider : IVideoProvider, IFileUploader, ITaskLister, ISignedWebhookSource
{
    public const string Name = "Replicate";

    // Replicate's own advice: data: URIs for files up to 256 KB, an uploaded file's URL above that. It also keeps
    // the 10 MB combined inline limit of its JS client out of reach: nine references of 256 KB are 2.3 MB.
    private const long InlineLimit = 256 * 1024;

    /// <summary>Replicate's error codes close a message, e.g. "... flagged as sensitive. (E005)".</summary>
    private static readonly Regex ErrorCode = new(@"\((E\d{3,4})\)", RegexOptions.CultureInvariant);

    /// <summary>The code of a moderation refusal: "The input or output was flagged as sensitive".</summary>
    private const string SensitiveCode = "E005";

    /// <summary>One image is the first frame (<c>image</c>); several are <c>reference_images</c>.</summary>
    private static readonly ImageFields ImageFields = new("image", "reference_images", "last_frame_image");

    private static readonly ReferenceMediaFields ReferenceMediaFields = new("reference_videos", "reference_audios");

    /// <summary>No watermark field; the webhook goes beside <c>input</c>, not in it.</summary>
    private static readonly OptionFields OptionFields = new() { Watermark = null };

    public ProviderInfo Info { get; } = new(Name, new Uri("https://api.replicate.com/v1"), "Bearer", new[] { "REPLICATE_API_TOKEN" }, ReplicateModels.All)
    {
        CancelBehaviour = "Cancels a starting or processing prediction; a processing one is charged for the time it ran.",
        WebhookBehaviour = "POSTs the prediction when it completes, signed Standard Webhooks style with the account's whsec_ secret (GET /v1/webhooks/default/secret).",
        OutputRetention = "1 hour: Replicate deletes the inputs and outputs of API predictions an hour after they finish",
        OutputLifetime = TimeSpan.FromHours(1),
        InlineImageLimitBytes = InlineLimit,
        // Beyond ByteDance's own names: the image fields under `input`, where -ExtraField values go too.
        ReservedFields = ReservedFields.Seedance()
            .SetBy("Image", "image", "reference_images")
            .SetBy("LastImage", "last_frame_image")
            .SetBy("ReferenceVideo", "reference_videos")
            .SetBy("ReferenceAudio", "reference_audios"),
    };

    /// <summary>Standard Webhooks: <c>webhook-signature: v1,{base64}</c>, keyed with the base64-decoded text after <c>whsec_</c>.</summary>
    public WebhookSignature Signature { get; } = new HmacWebhookSignature("v1", HmacWebhookSignature.SecretKey.Base64, HmacWebhookSignature.SignatureText.Base64);

    /// <summary>The webhook body is the prediction object, as GET shows it.</summary>
    public VideoTask? TaskOf(JsonElement body) => body.Text("id") is { } id ? new VideoTask(id, Name, body.Text("model") ?? string.Empty) : null;

    public VideoTask ReadWebhook(JsonElement body, VideoTask task) => ReadPrediction(body, task);

    public async Task<VideoTask> SubmitAsync(ProviderContext context, PreparedRequest request, CancellationToken cancellationToken)
    {
        var source = request.Source;
        var input = new JsonObject();
        WireJson.AddIfSet(input, "prompt", request.Prompt);
        ImageFields.AddTo(input, request);
        ReferenceMediaFields.AddTo(input, request);
        input["duration"] = request.WireDuration;
        OptionFields.AddTo(input, request);

        // Every model option lives under `input`, so that is where -ExtraField values go too.
        WireJson.AddExtraFields(input, request.ExtraFields);

        var body = new JsonObject { ["input"] = input };
        if (source.WebhookUrl is { } webhook)
        {
            // Only the final state: the module's webhook means "the task finished".
            body["webhook"] = webhook.AbsoluteUri;
            body["webhook_events_filter"] = new JsonArray("completed");
        }

        var response = await SubmitCall.PostAsync(context, $"models/{request.Model.Id}/predictions", body, "create a prediction", cancellationToken).ConfigureAwait(false);
        return ReadPrediction(response.Json, SubmitCall.TaskId(response.Json, Name, request.Model.Id, call: "create"));
    }

    public async Task<VideoTask> RefreshAsync(ProviderContext context, VideoTask task, CancellationToken cancellationToken)
    {
        var response = await context.Http.SendAsync(new ApiRequest(HttpCallKind.Status, HttpMethod.Get, context.Resolve($"predictions/{Uri.EscapeDataString(task.Id)}"))
        {
            Purpose = $"report on prediction {task.Id}",
        }, cancellationToken).ConfigureAwait(false);
        return ReadPrediction(response.Json, task);
    }

    /// <summary>
    /// The account's predictions created since <paramref name="since"/> (<c>GET /predictions</c>, newest first, 100 a
    /// page, following each page's <c>next</c>), each with the <c>input</c> it was created with (until Replicate
    /// removes it an hour after the end).
    /// </summary>
    public Task<TaskListing> ListRecentAsync(ProviderContext context, ModelInfo model, DateTimeOffset since, CancellationToken cancellationToken) =>
        TaskListing.ReadPagesAsync(since, async next =>
        {
            // Later pages are where the previous one's `next` says: Replicate's own link, on its own host.
            var response = await context.Http.SendAsync(new ApiRequest(HttpCallKind.List, HttpMethod.Get, next is null ? context.Resolve("predictions") : new Uri(next))
            {
                Purpose = "list recent predictions",
            }, cancellationToken).ConfigureAwait(false);
            var listed = response.Json.Items("results")
                .Where(item => item.Text("id") is not null)
                .Select(item => ListedTask.Echoing(
                    ReadPrediction(item, new VideoTask(item.Text("id")!, Name, item.Text("model") ?? string.Empty)),
                    item.Node("input"),
                    "image", "reference_images", "last_frame_image"))
                .ToList();
            return new ListPage(listed, response.Json.Url("next")?.AbsoluteUri);
        });

    public async Task<CancelOutcome> CancelAsync(ProviderContext context, VideoTask task, CancellationToken cancellationToken)
    {
        var response = await context.Http.SendAsync(new ApiRequest(HttpCallKind.Cancel, HttpMethod.Post, context.Resolve($"predictions/{Uri.EscapeDataString(task.Id)}/cancel"))
        {
            Purpose = $"cancel prediction {task.Id}",
        }, cancellationToken).ConfigureAwait(false);

        return response.Json.Text("status") switch
        {
            "canceled" or "aborted" => CancelOutcome.Cancelled,
            "succeeded" or "failed" => CancelOutcome.AlreadyFinished,
            _ => CancelOutcome.Requested,
        };
    }

    public async Task<Uri> UploadAsync(ProviderContext context, ILocalFile file, CancellationToken cancellationToken)
    {
        var content = file.Content ?? throw new ArgumentException("Only local files are uploaded.", nameof(file));
        var response = await context.Http.SendAsync(new ApiRequest(HttpCallKind.Upload, HttpMethod.Post, context.Resolve("files"))
        {
            ContentFactory = () => FileForm(content, file.MediaType, file.FileName),
            Purpose = $"upload {file.FileName}",
        }, cancellationToken).ConfigureAwait(false);
        return response.Json.Url("urls", "get") ?? throw WireJson.Missing(Name, "urls.get", "upload");
    }

    public ApiFailure DescribeFailure(ApiResponse response)
    {
        var problem = WireJson.TryParse(response.Body);
        var title = problem?.Text("title");
        var message = problem?.Text("detail") ?? title ?? response.StatusCode.ToString();
        var category = ApiFailure.CategoryOf((int)response.StatusCode);
        if (WireJson.Mentions(message, "flagged as sensitive", SensitiveCode))
        {
            category = SeedanceErrorCategory.ContentPolicy;
        }
        else if (WireJson.Mentions(title + " " + message, "insufficient credit"))
        {
            category = SeedanceErrorCategory.InsufficientBalance;
        }

        return new ApiFailure(category, message, title);
    }

    /// <summary>A snapshot from Replicate's prediction object (the create answer, a status answer, or a webhook).</summary>
    internal static VideoTask ReadPrediction(JsonElement prediction, VideoTask task)
    {
        var status = prediction.Text("status");
        var output = OutputUrl(prediction);
        var removed = prediction.Node("data_removed")?.ValueKind == JsonValueKind.True;
        var state = status switch
        {
            "starting" => TaskState.Queued,
            "processing" => TaskState.Running,
            "succeeded" when output is null && removed => TaskState.Expired,
            "succeeded" => TaskState.Succeeded,
            "failed" => TaskState.Failed,
            "canceled" or "aborted" => TaskState.Cancelled,
            _ => task.Lifecycle,
        };
        var error = status switch
        {
            "failed" => ErrorText(prediction) ?? "Replicate reported the prediction failed without a reason.",
            "aborted" => "Replicate aborted the prediction: it had not started before its deadline (Cancel-After), and was not charged.",
            "succeeded" when output is null && removed => "Replicate deleted the output: it keeps the outputs of API predictions for one hour only.",
            _ => null,
        };
        var code = error is not null && ErrorCode.Match(error) is { Success: true } match ? match.Groups[1].Value : null;
        return task.Next(state, output, error, code, prediction.Time("created_at"), prediction.Time("completed_at")) with
        {
            InferenceMs = prediction.Decimal("metrics", "predict_time") is { } seconds and > 0 ? (long)(seconds * 1000) : task.InferenceMs,
        };
    }

    private static HttpContent FileForm(byte[] content, string? mediaType, string fileName)
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(mediaType ?? "application/octet-stream");
        return new MultipartFormDataContent
        {
            { file, "content", fileName },
            { new StringContent("{}", Encoding.UTF8, "application/json"), "metadata" },
        };
    }

    /// <summary>The video URL: Seedance's output is one URI string (an array of them is read too).</summary>
    private static Uri? OutputUrl(JsonElement prediction) => prediction.FirstUrl("output") ?? prediction.Url("output");

    /// <summary>The error, a string on Replicate; any other JSON is shown as it came.</summary>
    private static string? ErrorText(JsonElement prediction) =>
        prediction.Text("error") ?? prediction.Node("error")?.GetRawText();
}
