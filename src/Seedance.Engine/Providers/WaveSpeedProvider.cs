using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Seedance.Http;
using Seedance.Media;
using Seedance.Requests;
using Seedance.Tasks;

namespace Seedance.Providers;

/// <summary>
/// WaveSpeedAI's v3 API: <c>POST /api/v3/{model}</c>, <c>GET /api/v3/predictions/{id}/result</c>,
/// <c>DELETE /api/v3/predictions/{id}</c>, <c>POST /api/v3/predictions</c> (history), and the media upload
/// ticket <c>POST /api/v3/media/uploads</c>; every answer in a <c>{code, message, data}</c> envelope.
/// </summary>
public sealed class WaveSpeedProvider : IVideoProvider, IImageUploader, ITaskLister
{
    public const string Name = "WaveSpeed";

    private static readonly string[] AllAspectRatios = { "16:9", "9:16", "4:3", "3:4", "1:1", "21:9" };

    // The text-to-video pages were published in two versions too; the older one (4 ratios, 5/10/15 s) is what
    // every version accepts, and matches the image-to-video shape this project follows.
    private static readonly string[] TextAspectRatios = { "16:9", "9:16", "4:3", "3:4" };

    private static readonly int[] BriefDurations = { 5, 10, 15 };

    /// <summary>The most WaveSpeed's history serves on one page.</summary>
    private const int HistoryPageSize = 100;

    private static readonly int[] FourToFifteen = Enumerable.Range(4, 12).ToArray();

    /// <summary>
    /// Every model with the body shape its page documents. Order matters: the first model whose image count fits
    /// is chosen when the user names none (Seedance 2.0 Fast image-to-video first).
    /// </summary>
    private static readonly WaveSpeedModel[] Catalogue =
    {
        // $0.80 per 5 s.
        ReferencesPage("bytedance/seedance-2.0-fast/image-to-video", "Seedance 2.0 Fast", 0.16m, TimeSpan.FromSeconds(35), "seedance-2-0-fast", "seedance-2.0-fast"),
        TextPage("bytedance/seedance-2.0-fast/text-to-video", "Seedance 2.0 Fast", 0.16m, TimeSpan.FromSeconds(35)),
        // "Fastest and most affordable": $0.60 per 5 s at 720p; no 1080p price is published.
        FramesPage("bytedance/seedance-2.0-fast/image-to-video-turbo", new[] { "720p", "1080p" }, ModelOptions.None, new Dictionary<string, decimal> { ["720p"] = 0.12m }, promptRequired: true, TimeSpan.FromSeconds(30)),
        // No price is published for this variant.
        FramesPage("bytedance/seedance-2.0-fast/image-to-video-spicy", new[] { "480p", "720p", "1080p" }, ModelOptions.GenerateAudio | ModelOptions.Seed, new Dictionary<string, decimal>(), promptRequired: false, TimeSpan.FromSeconds(35)),
        // The standard tier: the same page shapes at $1.20 per 5 s.
        ReferencesPage("bytedance/seedance-2.0/image-to-video", "Seedance 2.0", 0.24m, TimeSpan.FromSeconds(80)),
        TextPage("bytedance/seedance-2.0/text-to-video", "Seedance 2.0", 0.24m, TimeSpan.FromSeconds(80)),
    };

    public ProviderInfo Info { get; } = new(Name, new Uri("https://api.wavespeed.ai"), "Bearer", new[] { "WAVESPEED_API_KEY" }, Catalogue.Select(entry => entry.Model).ToArray())
    {
        CancelBehaviour = "Deletes the task; one already processing may still finish, with a partial refund at most.",
        WebhookBehaviour = "?webhook= on the submit URL; signed with HMAC-SHA256 (webhook-signature: v3,<hex>)",
        OutputRetention = "7 days",
        // Whether WaveSpeed's Seedance pages take data: URIs is not documented, so local images are uploaded.
        InlineImageLimitBytes = null,
        // Beyond ByteDance's own names: both page shapes' image fields and the webhook (sent in the query).
        ReservedFields = ReservedFields.Seedance()
            .SetBy("Image", "images", "image", "reference_images")
            .SetBy("LastImage", "last_image")
            .SetBy("WebhookUrl", "webhook")
            .Unchecked(ReservedFields.ReferenceMedia, "reference_videos", "reference_audios")
            .Unchecked("makes the submit wait for the whole generation, so its answer would likely be lost to a timeout while the task is billed", "enable_sync_mode"),
    };

    public async Task<VideoTask> SubmitAsync(ProviderContext context, PreparedRequest request, CancellationToken cancellationToken)
    {
        var body = ShapeOf(request.Model).Body(request);
        Optional(body, "resolution", request.Resolution);
        Optional(body, "aspect_ratio", request.AspectRatio);
        Optional(body, "generate_audio", request.Source.GenerateAudio);
        Optional(body, "seed", request.Source.Seed);
        WireJson.AddExtraFields(body, request.ExtraFields);

        var path = "api/v3/" + request.Model.Id;
        if (request.Source.WebhookUrl is { } webhook)
        {
            path += "?webhook=" + Uri.EscapeDataString(webhook.AbsoluteUri);
        }

        var response = await context.Http.SendAsync(new ApiRequest(HttpCallKind.Submit, HttpMethod.Post, context.Resolve(path))
        {
            JsonBody = body.ToJsonString(),
            Purpose = "submit a video task",
        }, cancellationToken).ConfigureAwait(false);

        var data = Envelope(response, "submit");
        var id = data.Text("id") ?? throw WireJson.Missing(Name, "data.id", "submit");
        return ReadPrediction(data, new VideoTask(id, Name, request.Model.Id) { CreatedAt = DateTimeOffset.UtcNow });
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
        return task.State == TaskState.Queued ? CancelOutcome.Cancelled : CancelOutcome.Requested;
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
    public async Task<Uri> UploadAsync(ProviderContext context, PreparedImage image, CancellationToken cancellationToken)
    {
        var content = image.Content ?? throw new ArgumentException("Only local images are uploaded.", nameof(image));
        var ticketRequest = new JsonObject
        {
            ["filename"] = image.FileName,
            ["size"] = content.LongLength,
            ["content_type"] = image.MediaType,
        };
        var ticket = Envelope(await context.Http.SendAsync(new ApiRequest(HttpCallKind.Upload, HttpMethod.Post, context.Resolve("api/v3/media/uploads"))
        {
            JsonBody = ticketRequest.ToJsonString(),
            Purpose = $"prepare the upload of {image.FileName}",
        }, cancellationToken).ConfigureAwait(false), "upload request");

        var downloadUrl = ticket.Url("download_url") ?? throw WireJson.Missing(Name, "data.download_url", "upload request");
        var putUrl = ticket.Url("upload", "url") ?? throw WireJson.Missing(Name, "data.upload.url", "upload request");
        var method = ticket.Text("upload", "method") ?? "PUT";
        if (!string.Equals(method, "PUT", StringComparison.OrdinalIgnoreCase))
        {
            throw new SeedanceException(SeedanceErrorCategory.Server, ErrorIds.UnexpectedResponse,
                $"{Name} asked for the upload of {image.FileName} by {method}; this module uploads by PUT only. Its API may have changed; please report it with the -Verbose output.") { Provider = Name };
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
            Purpose = $"upload {image.FileName}",
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
        var output = data.Items("outputs").Select(item => item.ValueKind == JsonValueKind.String ? item.GetString() : null).FirstOrDefault(url => url is not null);
        var state = status switch
        {
            "created" => TaskState.Queued,
            "processing" => TaskState.Running,
            "completed" => TaskState.Succeeded,
            // The official SDK stops polling on these too: a task in them will never complete.
            "failed" or "timeout" => TaskState.Failed,
            "cancelled" or "canceled" or "deleted" => TaskState.Cancelled,
            _ => task.State,
        };
        // WaveSpeed marks a moderation refusal only by its NSFW flags, so that becomes the failure's code.
        var nsfw = data.Items("has_nsfw_contents").Where(item => item.ValueKind is JsonValueKind.True or JsonValueKind.False).Select(item => item.GetBoolean()).ToArray();
        var code = state == TaskState.Failed && nsfw.Contains(true) ? "nsfw" : null;
        return task.Next(state, output is null ? null : new Uri(output), data.Text("error"), code, data.Time("created_at")) with
        {
            InferenceMs = data.Integer("timings", "inference") is { } ms and > 0 ? ms : task.InferenceMs,
            NsfwFlags = nsfw,
        };
    }

    /// <summary>
    /// WaveSpeed's Seedance 2.0 Fast image-to-video page (the decision for this project): an <c>images</c> array of 1-4
    /// references, durations 5/10/15; output resolution and aspect ratio follow the input.
    /// </summary>
    private static WaveSpeedModel ReferencesPage(string id, string family, decimal dollarsPerSecond, TimeSpan typicalTime, params string[] aliases) =>
        new(new ModelInfo(Name, id, family)
        {
            Aliases = aliases,
            ImageUse = ImageUse.References,
            MinImages = 1,
            MaxImages = 4,
            Durations = BriefDurations,
            DefaultDuration = 5,
            Options = ModelOptions.Webhook,
            PricePerSecond = new Dictionary<string, decimal> { ["720p"] = dollarsPerSecond },
            TypicalGenerationTime = typicalTime,
        }, WireShape.ReferenceArray);

    /// <summary>A text-to-video page: the prompt, a duration and an aspect ratio.</summary>
    private static WaveSpeedModel TextPage(string id, string family, decimal dollarsPerSecond, TimeSpan typicalTime) =>
        new(new ModelInfo(Name, id, family)
        {
            ImageUse = ImageUse.None,
            Durations = BriefDurations,
            DefaultDuration = 5,
            AspectRatios = TextAspectRatios,
            Options = ModelOptions.Webhook,
            PricePerSecond = new Dictionary<string, decimal> { ["720p"] = dollarsPerSecond },
            TypicalGenerationTime = typicalTime,
        }, WireShape.TextOnly);

    /// <summary>A first-frame page of the -turbo/-spicy kind: <c>image</c> and <c>last_image</c>, 4-15 s, six ratios.</summary>
    private static WaveSpeedModel FramesPage(string id, string[] resolutions, ModelOptions options, IReadOnlyDictionary<string, decimal> prices, bool promptRequired, TimeSpan typicalTime) =>
        new(new ModelInfo(Name, id, "Seedance 2.0 Fast")
        {
            ImageUse = ImageUse.FirstFrame,
            MinImages = 1,
            MaxImages = 1,
            PromptRequired = promptRequired,
            Durations = FourToFifteen,
            DefaultDuration = 5,
            Resolutions = resolutions,
            AspectRatios = AllAspectRatios,
            Options = options | ModelOptions.LastImage | ModelOptions.Webhook,
            PricePerSecond = prices,
            TypicalGenerationTime = typicalTime,
        }, WireShape.FirstAndLastFrame);

    private static WireShape ShapeOf(ModelInfo model) =>
        Catalogue.First(entry => string.Equals(entry.Model.Id, model.Id, StringComparison.Ordinal)).Shape;

    /// <summary>Sets a field the user chose; one left unchosen is not sent, so WaveSpeed's default applies.</summary>
    private static void Optional(JsonObject body, string field, JsonNode? value)
    {
        if (value is not null)
        {
            body[field] = value;
        }
    }

    /// <summary>A model and where its page wants the images.</summary>
    private sealed record WaveSpeedModel(ModelInfo Model, WireShape Shape);

    /// <summary>Where a model's page wants the images: the field names, as data.</summary>
    private sealed class WireShape
    {
        /// <summary>That page's shape: <c>images</c>, an array of 1-4 references.</summary>
        public static readonly WireShape ReferenceArray = new("images", imagesAsArray: true, lastImageField: null);

        /// <summary>The -turbo/-spicy (and newer) shape: <c>image</c> is the first frame, <c>last_image</c> the last.</summary>
        public static readonly WireShape FirstAndLastFrame = new("image", imagesAsArray: false, lastImageField: "last_image");

        public static readonly WireShape TextOnly = new(imagesField: null, imagesAsArray: false, lastImageField: null);

        private readonly string? _imagesField;
        private readonly bool _imagesAsArray;
        private readonly string? _lastImageField;

        private WireShape(string? imagesField, bool imagesAsArray, string? lastImageField)
        {
            _imagesField = imagesField;
            _imagesAsArray = imagesAsArray;
            _lastImageField = lastImageField;
        }

        /// <summary>The images, prompt and duration in this shape; the caller adds the optional fields.</summary>
        public JsonObject Body(PreparedRequest request)
        {
            var body = new JsonObject();
            if (_imagesField is not null && request.Images.Count > 0)
            {
                body[_imagesField] = _imagesAsArray
                    ? new JsonArray(request.Images.Select(image => (JsonNode)JsonValue.Create(image.WireValue)!).ToArray())
                    : JsonValue.Create(request.Images[0].WireValue);
            }

            if (_lastImageField is not null && request.LastImage is { } last)
            {
                body[_lastImageField] = last.WireValue;
            }

            if (request.Prompt is not null)
            {
                body["prompt"] = request.Prompt;
            }

            body["duration"] = request.DurationSeconds;
            return body;
        }
    }
}
