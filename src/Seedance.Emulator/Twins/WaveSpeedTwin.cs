using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Seedance.Emulator.Server;
using Seedance.Emulator.Tasks;

namespace Seedance.Emulator.Twins;

/// <summary>
/// WaveSpeedAI v3: <c>POST /api/v3/{model}</c> (webhook as <c>?webhook=</c>), <c>GET
/// /api/v3/predictions/{id}/result</c>, <c>DELETE /api/v3/predictions/{id}</c>, <c>POST /api/v3/predictions</c>
/// (history), <c>POST /api/v3/media/uploads</c> (upload ticket for a pre-signed PUT) and the older
/// <c>POST /api/v3/media/upload/binary</c>, <c>GET /api/v3/account/balance</c>, <c>GET /api/v3/webhook/secret</c>.
/// Every answer (errors too) comes in a <c>{code, message, data}</c> envelope; statuses are created, processing,
/// completed, failed; webhooks are signed <c>v3,&lt;hex HMAC-SHA256&gt;</c>.
/// </summary>
internal sealed partial class WaveSpeedTwin : IProviderTwin
{
    /// <summary>
    /// WaveSpeed publishes no retry policy for webhooks (GAP), so the twin retries as Standard Webhooks senders do:
    /// 15 s for an answer, then 3 more tries, 5, 10 and 20 s apart.
    /// </summary>
    internal static readonly WebhookDelivery WebhookDelivery = new(TimeSpan.FromSeconds(15), 3, TimeSpan.FromSeconds(5));

    /// <summary>What a fresh emulated account holds; the emulator does not bill.</summary>
    private const decimal StartingBalance = 100m;

    /// <summary>The most reference_videos and reference_audios entries each.</summary>
    private const int MaxReferenceMedia = 3;

    private static readonly string[] AspectRatios = { "21:9", "16:9", "4:3", "1:1", "3:4", "9:16" };
    private static readonly string[] AllResolutions = { "480p", "720p", "1080p" };
    private static readonly string[] StatusWords = { "created", "processing", "completed", "failed", "cancelled" };

    // Image-to-video pages exist in two published shapes: the model page's `images` array (1-4, durations 5/10/15)
    // and the newer `image` + `last_image` (durations 4-15). Both are accepted on every image model.
    private static readonly Dictionary<string, TwinModel> Models = new(StringComparer.Ordinal)
    {
        // The base price is per 5 s, as the pages state it. WaveSpeed publishes none for -spicy; the twin quotes it at
        // the turbo page's rate, so a quote for a model without a published price can be tried here.
        ["bytedance/seedance-2.0-fast/image-to-video"] = new(takesImages: true, promptRequired: true, AllResolutions, basePrice: 0.80m),
        ["bytedance/seedance-2.0-fast/image-to-video-turbo"] = new(takesImages: true, promptRequired: true, new[] { "720p", "1080p" }, basePrice: 0.60m),
        ["bytedance/seedance-2.0-fast/image-to-video-spicy"] = new(takesImages: true, promptRequired: false, AllResolutions, basePrice: 0.60m),
        ["bytedance/seedance-2.0-fast/text-to-video"] = new(takesImages: false, promptRequired: true, AllResolutions, basePrice: 0.80m) { TakesReferenceMedia = true },
        ["bytedance/seedance-2.0/image-to-video"] = new(takesImages: true, promptRequired: true, AllResolutions, basePrice: 1.20m),
        ["bytedance/seedance-2.0/text-to-video"] = new(takesImages: false, promptRequired: true, AllResolutions, basePrice: 1.20m),
    };

    private readonly EmulatorServices _services;
    private readonly ConcurrentDictionary<string, string> _webhookSecrets = new(StringComparer.Ordinal);

    public WaveSpeedTwin(EmulatorServices services)
    {
        _services = services;
        Routes = RouteTable();
        _services.Tasks.Finished += SendWebhook;
    }

    public string Provider => "WaveSpeed";

    public string Prefix => "wavespeed";

    public JsonNode ErrorBody(int status, string message) =>
        new JsonObject { ["code"] = status, ["message"] = message, ["data"] = null };

    private async Task SubmitAsync(EmulatorContext context, string modelId, string key)
    {
        if (!Models.TryGetValue(modelId, out var model))
        {
            await context.RespondNotFoundAsync(this).ConfigureAwait(false);
            return;
        }

        var raw = await context.ReadBodyAsync().ConfigureAwait(false);
        var body = EmulatorContext.ParseObject(raw);
        if (body is null)
        {
            await context.RespondErrorAsync(this, 400, "Invalid JSON body").ConfigureAwait(false);
            return;
        }

        var webhook = context.Query["webhook"];
        var problem = Validate(modelId, model, body, out var spec)
            ?? (webhook is not null && JsonFields.Boolean(body, "enable_base64_output") == true ? "enable_base64_output cannot be combined with webhook" : null);
        if (problem is not null)
        {
            await context.RespondErrorAsync(this, 400, problem).ConfigureAwait(false);
            return;
        }

        // WaveSpeed's "videos per minute" depends on the account tier, so it is off unless configured; its
        // concurrency limit queues tasks instead (the shared store).
        var perMinute = _services.Options.SubmitsPerMinuteFor(Provider) ?? 0;
        if (!_services.Quota.TryAdmit(Provider, key, perMinute, out _))
        {
            await context.RespondErrorAsync(this, 429, $"Too Many Requests: your account level allows {perMinute} videos per minute. Limits reset every minute.").ConfigureAwait(false);
            return;
        }

        spec.RawBody = raw;
        spec.WebhookUrl = webhook;
        var task = _services.Tasks.Create(Guid.NewGuid().ToString("N"), key, spec, context.FinishesAtOnce);

        // The submit answer reports the task as just created, as WaveSpeed's does; one already done (what
        // enable_sync_mode answers) is reported as it is.
        var created = Prediction(task, context.TwinBase);
        if (!task.IsFinal)
        {
            created["status"] = "created";
        }

        await context.RespondEnvelopeAsync(created).ConfigureAwait(false);
    }

    private string? Validate(string modelId, TwinModel model, JsonObject body, out EmulatedTaskSpec spec)
    {
        spec = new EmulatedTaskSpec { Provider = Provider, Model = modelId };
        var prompt = JsonFields.Text(body, "prompt");
        if (model.PromptRequired && string.IsNullOrWhiteSpace(prompt))
        {
            return "prompt is required";
        }

        spec.Prompt = prompt ?? string.Empty;
        var images = JsonFields.Array(body, "images");
        if (model.TakesImages)
        {
            var problem = ImageProblem(body, images);
            if (problem is not null)
            {
                return problem;
            }

            spec.ImageCount = images?.Count ?? 1;
            spec.AddImages(images ?? body["image"]);
        }

        if (ReferenceMediaProblem(model, body) is { } referenceProblem)
        {
            return referenceProblem;
        }

        // The model page's `images` shape offers 5/10/15 s; the newer shapes any whole second from 4 to 15.
        var allowed = images is not null ? new[] { 5, 10, 15 } : Enumerable.Range(4, 12).ToArray();
        var duration = body["duration"] is null ? 5 : JsonFields.Integer(body, "duration");
        if (duration is null || !allowed.Contains(duration.Value))
        {
            return $"duration must be one of {string.Join(", ", allowed)}";
        }

        var resolution = JsonFields.Text(body, "resolution");
        if (resolution is not null && !model.Resolutions.Contains(resolution))
        {
            return $"resolution must be one of {string.Join(", ", model.Resolutions)}";
        }

        var ratio = JsonFields.Text(body, "aspect_ratio");
        if (ratio is not null && !AspectRatios.Contains(ratio))
        {
            return $"aspect_ratio must be one of {string.Join(", ", AspectRatios)}";
        }

        spec.DurationSeconds = duration.Value;
        spec.Resolution = resolution ?? "720p";
        spec.AspectRatio = ratio;
        spec.Audio = JsonFields.Boolean(body, "generate_audio") ?? true;
        return null;
    }

    /// <summary>The image URLs in either published shape; WaveSpeed fetches each, so one it cannot read fails the submit.</summary>
    private string? ImageProblem(JsonObject body, JsonArray? images)
    {
        var urls = new List<string>();
        if (images is not null)
        {
            if (images.Count < 1 || images.Count > 4)
            {
                return "images must contain between 1 and 4 items";
            }

            urls.AddRange(images.Select(item => item is JsonValue value && value.TryGetValue<string>(out var url) ? url : string.Empty));
        }
        else
        {
            var image = JsonFields.Text(body, "image");
            if (string.IsNullOrWhiteSpace(image))
            {
                return "image is required";
            }

            urls.Add(image!);
            if (JsonFields.Text(body, "last_image") is { } last)
            {
                urls.Add(last);
            }
        }

        var unreadable = urls.FirstOrDefault(url => !Readable(url));
        return unreadable is null ? null : $"failed to download image: {Shorten(unreadable)}";
    }

    /// <summary>
    /// reference_videos and reference_audios, on the Fast text-to-video page only: 1-3 readable URLs each, and audio
    /// only with a video (that page takes no images).
    /// </summary>
    private string? ReferenceMediaProblem(TwinModel model, JsonObject body)
    {
        var videos = JsonFields.Array(body, "reference_videos");
        var audios = JsonFields.Array(body, "reference_audios");
        if (videos is null && audios is null)
        {
            return null;
        }

        if (!model.TakesReferenceMedia)
        {
            return $"{(videos is null ? "reference_audios" : "reference_videos")} is not an input of this model";
        }

        foreach (var (field, items) in new[] { ("reference_videos", videos), ("reference_audios", audios) })
        {
            if (items is not null && (items.Count < 1 || items.Count > MaxReferenceMedia))
            {
                return $"{field} must contain between 1 and {MaxReferenceMedia} items";
            }

            var unreadable = items?.Select(item => item is JsonValue value && value.TryGetValue<string>(out var url) ? url : string.Empty).FirstOrDefault(url => !Readable(url));
            if (unreadable is not null)
            {
                return $"failed to download {field}: {Shorten(unreadable)}";
            }
        }

        return videos is null ? "reference_audios needs reference_videos" : null;
    }

    /// <summary>
    /// An https URL (not fetched: the emulator never leaves this machine), one of the emulator's uploads that holds
    /// content, or a data: URI (whether WaveSpeed takes those is undocumented; the emulator is lenient).
    /// </summary>
    private bool Readable(string url)
    {
        if (url.StartsWith("data:image/", StringComparison.Ordinal))
        {
            return true;
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return false;
        }

        var ours = new Uri(_services.Root, "uploads/").AbsoluteUri;
        return !url.StartsWith(ours, StringComparison.Ordinal) || _services.Uploads.Holds(url);
    }

    /// <summary>
    /// <c>POST /api/v3/model/price</c>: the model's formula over the inputs given; nothing runs. A missing duration
    /// is priced at the pages' default of 5 s, as WaveSpeed prices a missing input at its schema default.
    /// </summary>
    private async Task PriceAsync(EmulatorContext context)
    {
        var body = EmulatorContext.ParseObject(await context.ReadBodyAsync().ConfigureAwait(false));
        var modelId = body?["model_id"]?.GetValue<string>();
        if (modelId is null || !Models.TryGetValue(modelId, out var model))
        {
            await context.RespondErrorAsync(this, 400, $"model not found: {modelId ?? "(model_id missing)"}").ConfigureAwait(false);
            return;
        }

        var duration = body!["inputs"]?["duration"] is JsonValue given && given.TryGetValue<int>(out var seconds) ? seconds : 5;
        var price = model.BasePrice * duration / 5;
        await context.RespondEnvelopeAsync(new JsonObject
        {
            ["model_id"] = modelId,
            ["price"] = price,
            ["discounted_price"] = price,
            ["currency"] = "USD",
        }).ConfigureAwait(false);
    }

    private async Task StatusAsync(EmulatorContext context, string id)
    {
        if (await context.ObserveTaskAsync(this, _services.Tasks, id, "prediction not found").ConfigureAwait(false) is { } task)
        {
            await context.RespondEnvelopeAsync(Prediction(task, context.TwinBase)).ConfigureAwait(false);
        }
    }

    private async Task DeleteAsync(EmulatorContext context, string id)
    {
        var before = _services.Tasks.Cancel(id, runningToo: false);
        if (before is null)
        {
            await context.RespondErrorAsync(this, 404, "prediction not found").ConfigureAwait(false);
            return;
        }

        // A finished task's record is deleted; a processing one keeps running ("may not stop immediately").
        _services.Tasks.Delete(id);
        await context.RespondEnvelopeAsync(new JsonObject { ["id"] = id, ["status"] = "deleted" }).ConfigureAwait(false);
    }

    /// <summary>
    /// The caller's predictions of the last 7 days, newest first, filtered and paged as WaveSpeed's history is
    /// (its official CLI's <c>history</c>: <c>POST /api/v3/predictions</c>, items with their <c>inputs</c>).
    /// </summary>
    private async Task HistoryAsync(EmulatorContext context, string key)
    {
        var body = EmulatorContext.ParseObject(await context.ReadBodyAsync().ConfigureAwait(false));
        if (body is null)
        {
            await context.RespondErrorAsync(this, 400, "Invalid JSON body").ConfigureAwait(false);
            return;
        }

        var page = body["page"] is null ? 1 : JsonFields.Integer(body, "page");
        var pageSize = body["page_size"] is null ? 100 : JsonFields.Integer(body, "page_size");
        var status = JsonFields.Text(body, "status");
        var model = JsonFields.Text(body, "model");
        var after = TimeField(body, "created_after", out var badAfter);
        var before = TimeField(body, "created_before", out var badBefore);
        var problem = page is null or < 1 ? "page must be a whole number from 1"
            : pageSize is null or < 1 or > 100 ? "page_size must be between 1 and 100"
            : status is not null && !StatusWords.Contains(status) ? $"status must be one of {string.Join(", ", StatusWords)}"
            : badAfter ? "created_after must be an ISO 8601 time"
            : badBefore ? "created_before must be an ISO 8601 time"
            : null;
        if (problem is not null)
        {
            await context.RespondErrorAsync(this, 400, problem).ConfigureAwait(false);
            return;
        }

        var since = DateTimeOffset.UtcNow - TimeSpan.FromDays(7);
        var items = _services.Tasks.Snapshot()
            .Where(task => task.Spec.Provider == Provider && task.Key == key && task.CreatedAt >= since)
            .Where(task => (model is null || task.Spec.Model == model) && (status is null || StatusOf(task) == status))
            .Where(task => (after is null || task.CreatedAt >= after) && (before is null || task.CreatedAt <= before))
            .OrderByDescending(task => task.CreatedAt)
            .Skip((page!.Value - 1) * pageSize!.Value)
            .Take(pageSize.Value)
            .Select(task => (JsonNode)HistoryItem(task, context.TwinBase))
            .ToArray();
        await context.RespondEnvelopeAsync(new JsonObject { ["page"] = page, ["items"] = new JsonArray(items) }).ConfigureAwait(false);
    }

    /// <summary>A prediction as the history lists it: with the inputs it was submitted with (WaveSpeed's CLI shows their prompt).</summary>
    private JsonObject HistoryItem(EmulatedTask task, Uri twinBase)
    {
        var item = Prediction(task, twinBase);
        item["inputs"] = EmulatorContext.ParseObject(task.Spec.RawBody);
        return item;
    }

    /// <summary>The SDK's upload: a ticket naming a pre-signed PUT URL (no key needed there) and the later download URL.</summary>
    private async Task UploadTicketAsync(EmulatorContext context)
    {
        var body = EmulatorContext.ParseObject(await context.ReadBodyAsync().ConfigureAwait(false));
        var fileName = body is null ? null : JsonFields.Text(body, "filename");
        var size = body is null || body["size"] is null ? null : JsonFields.Integer(body, "size");
        if (string.IsNullOrWhiteSpace(fileName) || size is null or < 0)
        {
            await context.RespondErrorAsync(this, 400, "filename and size are required").ConfigureAwait(false);
            return;
        }

        var format = MediaFormat.Of(fileName!);
        var problem = format is null ? MediaFormat.Unsupported(fileName!) : format.Refuses(size.Value);
        if (problem is not null)
        {
            await context.RespondErrorAsync(this, 400, problem).ConfigureAwait(false);
            return;
        }

        var contentType = JsonFields.Text(body!, "content_type") ?? format!.ContentType;
        var (putUrl, downloadUrl) = _services.Uploads.Reserve(fileName!, contentType);
        await context.RespondEnvelopeAsync(new JsonObject
        {
            ["type"] = format!.Kind,
            ["filename"] = fileName,
            ["size"] = size,
            ["download_url"] = downloadUrl.AbsoluteUri,
            ["upload"] = new JsonObject
            {
                ["method"] = "PUT",
                ["url"] = putUrl.AbsoluteUri,
                ["headers"] = new JsonObject { ["Content-Type"] = contentType },
            },
        }).ConfigureAwait(false);
    }

    /// <summary>The documented older upload: multipart form field <c>file</c>, answered with the download URL.</summary>
    private async Task UploadBinaryAsync(EmulatorContext context)
    {
        var form = await context.ReadFormAsync().ConfigureAwait(false);
        if (form is null || !form.Parts.TryGetValue("file", out var file) || file.FileName is null)
        {
            await context.RespondErrorAsync(this, 400, "file is required (multipart/form-data field 'file')").ConfigureAwait(false);
            return;
        }

        var format = MediaFormat.Of(file.FileName);
        if (format is null)
        {
            await context.RespondErrorAsync(this, 400, MediaFormat.Unsupported(file.FileName)).ConfigureAwait(false);
            return;
        }

        if (format.Refuses(file.Content.LongLength) is { } tooLarge)
        {
            await context.RespondErrorAsync(this, 413, tooLarge).ConfigureAwait(false);
            return;
        }

        var url = _services.Uploads.Store(file.Content, format.ContentType, file.FileName);
        await context.RespondEnvelopeAsync(new JsonObject
        {
            ["type"] = format.Kind,
            ["download_url"] = url.AbsoluteUri,
            ["filename"] = file.FileName,
            ["size"] = file.Content.LongLength,
        }).ConfigureAwait(false);
    }

    private JsonObject Prediction(EmulatedTask task, Uri twinBase)
    {
        var succeeded = task.State == EmulatedTaskState.Succeeded;
        return new JsonObject
        {
            ["id"] = task.Id,
            ["model"] = task.Spec.Model,
            ["outputs"] = succeeded ? new JsonArray(_services.VideoUrl(task).AbsoluteUri) : new JsonArray(),
            ["urls"] = new JsonObject { ["get"] = new Uri(twinBase, $"{twinBase.AbsolutePath.TrimEnd('/')}/api/v3/predictions/{task.Id}/result").AbsoluteUri },
            ["has_nsfw_contents"] = task.IsFinal && task.State != EmulatedTaskState.Cancelled ? new JsonArray(task.RefusedByPolicy) : new JsonArray(),
            ["status"] = StatusOf(task),
            ["created_at"] = TwinReplies.Timestamp(task.CreatedAt),
            ["error"] = task.State == EmulatedTaskState.Failed ? task.Error : string.Empty,
            ["timings"] = new JsonObject { ["inference"] = task.CompletedAt is { } done && task.StartedAt is { } start ? (long)(done - start).TotalMilliseconds : 0 },
        };
    }

    private static string StatusOf(EmulatedTask task) => task.State switch
    {
        EmulatedTaskState.Queued => "created",
        EmulatedTaskState.Running => "processing",
        EmulatedTaskState.Succeeded => "completed",
        EmulatedTaskState.Cancelled => "cancelled",
        _ => "failed",
    };

    /// <summary>
    /// WaveSpeed posts the bare prediction object (with the submitted input), without the envelope, on completed
    /// and failed, signed with the account's secret: <c>webhook-signature: v3,hex(HMAC-SHA256(key,
    /// "{webhook-id}.{webhook-timestamp}.{body}"))</c>, the key being the secret's text after <c>whsec_</c>.
    /// </summary>
    private void SendWebhook(EmulatedTask task)
    {
        if (task.Spec.Provider != Provider || string.IsNullOrEmpty(task.Spec.WebhookUrl) || task.State == EmulatedTaskState.Cancelled)
        {
            return;
        }

        var prediction = Prediction(task, new Uri(_services.Root, Prefix));
        prediction["input"] = EmulatorContext.ParseObject(task.Spec.RawBody);
        var body = prediction.ToJsonString();
        var id = Guid.NewGuid().ToString("N");
        var timestamp = WebhookSecrets.Timestamp();
        var key = Encoding.UTF8.GetBytes(SecretOf(task.Key).Substring(WebhookSecrets.Prefix.Length));
        _services.Webhooks.Send(task.Spec.WebhookUrl!, body, new Dictionary<string, string>
        {
            ["webhook-id"] = id,
            ["webhook-timestamp"] = timestamp,
            ["webhook-signature"] = "v3," + BitConverter.ToString(WebhookSecrets.Sign(key, id, timestamp, body)).Replace("-", string.Empty).ToLowerInvariant(),
        }, WebhookDelivery);
    }

    /// <summary>
    /// The emulator's webhook secret when one is set; otherwise one per key, as WaveSpeed keeps one per account.
    /// Base64-looking either way, so a verifier that decodes it (as for Replicate) fails.
    /// </summary>
    private string SecretOf(string key) => _services.Options.WebhookSecret ?? _webhookSecrets.GetOrAdd(key, _ => WebhookSecrets.NewSecret());

    private static DateTimeOffset? TimeField(JsonObject body, string name, out bool malformed)
    {
        var text = JsonFields.Text(body, name);
        malformed = false;
        if (text is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time;
        }

        malformed = true;
        return null;
    }

    private static string Shorten(string url) => url.Length > 80 ? url.Substring(0, 80) + "..." : url;

    /// <summary>What one model's page accepts beyond the shared shapes.</summary>
    private sealed class TwinModel
    {
        public TwinModel(bool takesImages, bool promptRequired, string[] resolutions, decimal basePrice)
        {
            TakesImages = takesImages;
            PromptRequired = promptRequired;
            Resolutions = resolutions;
            BasePrice = basePrice;
        }

        /// <summary>US dollars for 5 seconds: WaveSpeed's formula for these pages is base_price * duration / 5.</summary>
        public decimal BasePrice { get; }

        public bool TakesImages { get; }

        public bool TakesReferenceMedia { get; init; }

        public bool PromptRequired { get; }

        public string[] Resolutions { get; }
    }

    /// <summary>The upload formats WaveSpeed lists, by file extension, with its size limit per kind.</summary>
    private sealed class MediaFormat
    {
        private const long MegaByte = 1024 * 1024;

        private static readonly Dictionary<string, long> Limits = new(StringComparer.Ordinal)
        {
            ["image"] = 20 * MegaByte,
            ["video"] = 100 * MegaByte,
            ["audio"] = 50 * MegaByte,
        };

        private static readonly Dictionary<string, MediaFormat> ByExtension = new(StringComparer.OrdinalIgnoreCase)
        {
            [".jpg"] = new("image", "image/jpeg"),
            [".jpeg"] = new("image", "image/jpeg"),
            [".png"] = new("image", "image/png"),
            [".webp"] = new("image", "image/webp"),
            [".gif"] = new("image", "image/gif"),
            [".bmp"] = new("image", "image/bmp"),
            [".tif"] = new("image", "image/tiff"),
            [".tiff"] = new("image", "image/tiff"),
            [".mp4"] = new("video", "video/mp4"),
            [".avi"] = new("video", "video/x-msvideo"),
            [".mov"] = new("video", "video/quicktime"),
            [".wmv"] = new("video", "video/x-ms-wmv"),
            [".flv"] = new("video", "video/x-flv"),
            [".webm"] = new("video", "video/webm"),
            [".mkv"] = new("video", "video/x-matroska"),
            [".3gp"] = new("video", "video/3gpp"),
            [".ogv"] = new("video", "video/ogg"),
            [".mp3"] = new("audio", "audio/mpeg"),
            [".wav"] = new("audio", "audio/wav"),
            [".ogg"] = new("audio", "audio/ogg"),
            [".aac"] = new("audio", "audio/aac"),
            [".flac"] = new("audio", "audio/flac"),
            [".m4a"] = new("audio", "audio/mp4"),
            [".opus"] = new("audio", "audio/opus"),
        };

        private MediaFormat(string kind, string contentType)
        {
            Kind = kind;
            ContentType = contentType;
        }

        /// <summary>image, video or audio.</summary>
        public string Kind { get; }

        public string ContentType { get; }

        public static MediaFormat? Of(string fileName) =>
            ByExtension.TryGetValue(System.IO.Path.GetExtension(fileName), out var format) ? format : null;

        public static string Unsupported(string fileName) => $"unsupported file format: {System.IO.Path.GetExtension(fileName)}";

        /// <summary>Why a file of <paramref name="size"/> bytes is refused; null when it is within the limit.</summary>
        public string? Refuses(long size) =>
            size > Limits[Kind] ? $"file too large: {Kind} files may be at most {Limits[Kind] / MegaByte} MB" : null;
    }
}
