using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Seedance.Http;
using Seedance.Media;
using Seedance.Pricing;
using Seedance.Providers.Models;
using Seedance.Requests;
using Seedance.Tasks;
using Seedance.Webhooks;

namespace Seedance.Providers;

/// <summary>
/// WaveSpeedAI's v3 API: <c>POST /api/v3/{model}</c>, <c>GET /api/v3/predictions/{id}/result</c>,
/// <c>DELETE /api/v3/predictions/{id}</c>, <c>POST /api/v3/predictions</c> (history), the media upload
/// ticket <c>POST /api/v3/media/uploads</c> and the price quote <c>POST /api/v3/model/price</c>; every answer in a <c>{code, message, data}</c> envelope.
/// </summary>
public sealed class WaveSpeedProvider : IVideoProvider, IFileUploader, ITaskLister, IPriceQuoter, ISignedWebhookSource
{
    public const string Name = "WaveSpeed";

    private const string QuotePath = "api/v3/model/price";

    /// <summary>The most WaveSpeed's history serves on one page.</summary>
    private const int HistoryPageSize = 100;

    /// <summary>
    /// Where a model's page wants the images: the reference pages take <c>images</c>, an array of 1-4; the
    /// -turbo/-spicy (and newer) pages <c>image</c>, the first frame, and <c>last_image</c>.
    /// </summary>
    private static readonly ImageFields ImageFields = new("image", "images", "last_image");

    /// <summary>No camera lock or watermark field; the webhook goes in the submit's query.</summary>
    private static readonly OptionFields OptionFields = new() { CameraFixed = null, Watermark = null };

    private static readonly ReferenceMediaFields ReferenceMediaFields = new("reference_videos", "reference_audios");

    public ProviderInfo Info { get; } = new(Name, new Uri("https://api.wavespeed.ai"), "Bearer", new[] { "WAVESPEED_API_KEY" }, WaveSpeedModels.All)
    {
        CancelBehaviour = "Deletes the task; one already processing may still finish, with a partial refund at most.",
        WebhookBehaviour = "?webhook= on the submit URL; signed with HMAC-SHA256 (webhook-signature: v3,<hex>)",
        OutputRetention = "7 days",
        OutputLifetime = TimeSpan.FromDays(7),
        // Whether WaveSpeed's Seedance pages take data: URIs is not documented, so local images are uploaded.
        InlineImageLimitBytes = null,
        // Beyond ByteDance's own names: both page shapes' image fields and the webhook (sent in the query).
        ReservedFields = ReservedFields.Seedance()
            .SetBy("Image", "images", "image", "reference_images")
            .SetBy("LastImage", "last_image")
            .SetBy("WebhookUrl", "webhook")
            .SetBy("ReferenceVideo", "reference_videos")
            .SetBy("ReferenceAudio", "reference_audios")
            .Unchecked("makes the submit wait for the whole generation, so its answer would likely be lost to a timeout while the task is billed", "enable_sync_mode"),
    };

    /// <summary><c>webhook-signature: v3,{hex}</c>, keyed with the secret's text after <c>whsec_</c>, not decoded.</summary>
    public WebhookSignature Signature { get; } = new HmacWebhookSignature("v3", HmacWebhookSignature.SecretKey.Text, HmacWebhookSignature.SignatureText.Hex);

    /// <summary>The webhook body is the bare prediction, as in the status answer's <c>data</c>.</summary>
    public VideoTask? TaskOf(JsonElement body) => body.Text("id") is { } id ? new VideoTask(id, Name, body.Text("model") ?? string.Empty) : null;

    public VideoTask ReadWebhook(JsonElement body, VideoTask task) => ReadPrediction(body, task);

    public async Task<VideoTask> SubmitAsync(ProviderContext context, PreparedRequest request, CancellationToken cancellationToken)
    {
        var body = Body(request);
        AddSettings(body, request);

        var path = SubmitCall.WithWebhook("api/v3/" + request.Model.Id, "webhook", request.Source.WebhookUrl);
        var response = await SubmitCall.PostAsync(context, path, body, "submit a video task", cancellationToken).ConfigureAwait(false);
        var data = Envelope(response, "submit");
        return ReadPrediction(data, SubmitCall.TaskId(data, Name, request.Model.Id, shownAs: "data.id"));
    }

    /// <summary>
    /// WaveSpeed's quote (<c>POST /api/v3/model/price</c>, as its CLI's <c>price</c> command calls it): the model and
    /// the inputs that move the price (duration, resolution, ratio, audio), evaluated by WaveSpeed's own pricing
    /// formula. The images are left out: they do not change the price, and a local one has not been uploaded yet.
    /// </summary>
    public async Task<TaskPrice> QuoteAsync(ProviderContext context, PreparedRequest request, CancellationToken cancellationToken)
    {
        var inputs = new JsonObject { ["duration"] = request.DurationSeconds };
        AddSettings(inputs, request);
        var response = await context.Http.SendAsync(new ApiRequest(HttpCallKind.Quote, HttpMethod.Post, context.Resolve(QuotePath))
        {
            JsonBody = new JsonObject { ["model_id"] = request.Model.Id, ["inputs"] = inputs }.ToJsonString(),
            Purpose = "ask for a price quote",
        }, cancellationToken).ConfigureAwait(false);

        // What is billed is the discounted price where WaveSpeed gives one; its older answers named it unit_price.
        var data = Envelope(response, "price quote");
        var price = data.Decimal("discounted_price") ?? data.Decimal("price") ?? data.Decimal("unit_price")
            ?? throw WireJson.Missing(Name, "data.price", "price quote");
        return TaskPrice.Quoted(Name, "POST /" + QuotePath, price);
    }

    public async Task<VideoTask> RefreshAsync(ProviderContext context, VideoTask task, CancellationToken cancellationToken)
    {
        var response = await context.Http.SendAsync(new ApiRequest(HttpCallKind.Status, HttpMethod.Get, context.Resolve($"api/v3/predictions/{Uri.EscapeDataString(task.Id)}/result"))
        {
            Purpose = $"report on task {task.Id}",
        }, cancellationToken).ConfigureAwait(false);
        return ReadPrediction(Envelope(response, "status"), task);
    }

    public async Task<CancelOutcome> CancelAsync(ProviderContext context, VideoTask task, CancellationToken cancellationToken)
    {
        await context.Http.SendAsync(new ApiRequest(HttpCallKind.Cancel, HttpMethod.Delete, context.Resolve($"api/v3/predictions/{Uri.EscapeDataString(task.Id)}"))
        {
            Purpose = $"cancel task {task.Id}",
        }, cancellationToken).ConfigureAwait(false);

        // WaveSpeed stops a task that has not started; a processing one may still run to the end.
        return task.Lifecycle == TaskState.Queued ? CancelOutcome.Cancelled : CancelOutcome.Requested;
    }

    /// <summary>
    /// The account's tasks created since <paramref name="since"/>, newest first, from WaveSpeed's prediction
    /// history (which keeps 7 days), page by page, each with the <c>inputs</c> it was submitted with (<c>input</c>
    /// in older answers): what to check before submitting again after a submit whose answer was lost. Every
    /// model's are listed; the matching is the caller's.
    /// </summary>
    public Task<TaskListing> ListRecentAsync(ProviderContext context, ModelInfo model, DateTimeOffset since, CancellationToken cancellationToken) =>
        TaskListing.ReadPagesAsync(since, async cursor =>
        {
            var page = cursor is null ? 1 : int.Parse(cursor, CultureInfo.InvariantCulture);
            var body = new JsonObject
            {
                ["page"] = page,
                ["page_size"] = HistoryPageSize,
                ["created_after"] = since.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            };
            var response = await context.Http.SendAsync(new ApiRequest(HttpCallKind.List, HttpMethod.Post, context.Resolve("api/v3/predictions"))
            {
                JsonBody = body.ToJsonString(),
                Purpose = "list recent tasks",
            }, cancellationToken).ConfigureAwait(false);

            var items = Envelope(response, "history request").Items("items").ToList();
            var tasks = items
                .Where(item => item.Text("id") is not null)
                .Select(item => ListedTask.Echoing(
                    ReadPrediction(item, new VideoTask(item.Text("id")!, Name, item.Text("model") ?? string.Empty)),
                    item.Node("inputs") ?? item.Node("input"),
                    "images", "image", "last_image"))
                .ToList();
            // A full page may have more behind it.
            return new ListPage(tasks, items.Count < HistoryPageSize ? null : (page + 1).ToString(CultureInfo.InvariantCulture));
        });

    /// <summary>
    /// WaveSpeed's direct media upload (its SDK's flow): ask for a ticket, PUT the bytes to the pre-signed URL it
    /// names (without our key, with exactly the headers it names), then refer to the image by its download URL.
    /// </summary>
    public async Task<Uri> UploadAsync(ProviderContext context, ILocalFile file, CancellationToken cancellationToken)
    {
        var content = file.Content ?? throw new ArgumentException("Only local files are uploaded.", nameof(file));
        var ticketRequest = new JsonObject
        {
            ["filename"] = file.FileName,
            ["size"] = content.LongLength,
            ["content_type"] = file.MediaType,
        };
        var ticket = Envelope(await context.Http.SendAsync(new ApiRequest(HttpCallKind.Upload, HttpMethod.Post, context.Resolve("api/v3/media/uploads"))
        {
            JsonBody = ticketRequest.ToJsonString(),
            Purpose = $"prepare the upload of {file.FileName}",
        }, cancellationToken).ConfigureAwait(false), "upload request");

        var downloadUrl = ticket.Url("download_url") ?? throw WireJson.Missing(Name, "data.download_url", "upload request");
        var putUrl = ticket.Url("upload", "url") ?? throw WireJson.Missing(Name, "data.upload.url", "upload request");
        var method = ticket.Text("upload", "method") ?? "PUT";
        if (!string.Equals(method, "PUT", StringComparison.OrdinalIgnoreCase))
        {
            throw new SeedanceException(SeedanceErrorCategory.Server, ErrorIds.UnexpectedResponse,
                $"{Name} asked for the upload of {file.FileName} by {method}; this module uploads by PUT only. Its API may have changed; please report it with the -Verbose output.") { Provider = Name };
        }

        // Content headers (Content-Type...) belong on the body, the rest on the request.
        var headers = ticket.Node("upload", "headers") is { ValueKind: JsonValueKind.Object } named
            ? named.EnumerateObject().Where(header => header.Value.ValueKind == JsonValueKind.String).ToDictionary(header => header.Name, header => header.Value.GetString()!)
            : new Dictionary<string, string>();
        var bodyHeaders = headers.Where(header => header.Key.StartsWith("Content-", StringComparison.OrdinalIgnoreCase)).ToList();
        await context.Http.SendAsync(new ApiRequest(HttpCallKind.Upload, HttpMethod.Put, putUrl)
        {
            Authenticated = false,
            ExpectsJson = false,
            Headers = headers.Where(header => !header.Key.StartsWith("Content-", StringComparison.OrdinalIgnoreCase)).ToDictionary(header => header.Key, header => header.Value),
            ContentFactory = () =>
            {
                var bytes = new ByteArrayContent(content);
                foreach (var header in bodyHeaders)
                {
                    bytes.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }

                return bytes;
            },
            Purpose = $"upload {file.FileName}",
        }, cancellationToken).ConfigureAwait(false);

        return downloadUrl;
    }

    public ApiFailure DescribeFailure(ApiResponse response)
    {
        var body = WireJson.TryParse(response.Body);
        var message = body?.Text("message") ?? response.StatusCode.ToString();
        var category = ApiFailure.CategoryOf((int)response.StatusCode);
        if (WireJson.Mentions(message, "balance", "insufficient", "credit", "top up"))
        {
            category = SeedanceErrorCategory.InsufficientBalance;
        }
        else if (WireJson.Mentions(message, "nsfw", "sensitive", "content policy", "moderation"))
        {
            category = SeedanceErrorCategory.ContentPolicy;
        }
        else if ((int)response.StatusCode == 401 && !WireJson.Mentions(message, "top up", "topping up"))
        {
            message += " (a new WaveSpeed key may need a top-up before it is active)";
        }

        return new ApiFailure(category, message, body?.Text("code"));
    }

    /// <summary>The data of a <c>{code, message, data}</c> envelope whose code says success.</summary>
    private static JsonElement Envelope(ApiResponse response, string call)
    {
        var root = response.Json;
        var code = root.Integer("code");
        if (code is not null and not 200)
        {
            throw new SeedanceException(ApiFailure.CategoryOf((int)code.Value), ErrorIds.ProviderError,
                $"{Name} answered the {call} with code {code}: {root.Text("message") ?? "no message"}") { Provider = Name, StatusCode = (int)code.Value };
        }

        return root.Node("data") ?? throw WireJson.Missing(Name, "data", call);
    }

    internal static VideoTask ReadPrediction(JsonElement data, VideoTask task)
    {
        var status = data.Text("status");
        var state = status switch
        {
            "created" => TaskState.Queued,
            "processing" => TaskState.Running,
            "completed" => TaskState.Succeeded,
            // The official SDK stops polling on these too: a task in them will never complete.
            "failed" or "timeout" => TaskState.Failed,
            "cancelled" or "canceled" or "deleted" => TaskState.Cancelled,
            _ => task.Lifecycle,
        };
        // WaveSpeed marks a moderation refusal only by its NSFW flags, so that becomes the failure's code.
        var nsfw = data.Items("has_nsfw_contents").Where(item => item.ValueKind is JsonValueKind.True or JsonValueKind.False).Select(item => item.GetBoolean()).ToArray();
        var code = state == TaskState.Failed && nsfw.Contains(true) ? "nsfw" : null;
        return task.Next(state, data.FirstUrl("outputs"), data.Text("error"), code, data.Time("created_at")) with
        {
            InferenceMs = data.Integer("timings", "inference") is { } ms and > 0 ? ms : task.InferenceMs,
            NsfwFlags = nsfw,
        };
    }

    /// <summary>The settings both a submit and a quote carry: the options the user chose, and raw -ExtraField fields.</summary>
    private static void AddSettings(JsonObject body, PreparedRequest request)
    {
        OptionFields.AddTo(body, request);
        WireJson.AddExtraFields(body, request.ExtraFields);
    }

    /// <summary>The images, prompt and duration; the caller adds the optional fields.</summary>
    private static JsonObject Body(PreparedRequest request)
    {
        var body = new JsonObject();
        ImageFields.AddTo(body, request);
        ReferenceMediaFields.AddTo(body, request);
        WireJson.AddIfSet(body, "prompt", request.Prompt);
        body["duration"] = request.DurationSeconds;
        return body;
    }
}
