using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Seedance.Http;
using Seedance.Media;
using Seedance.Requests;
using Seedance.Tasks;

namespace Seedance.Providers;

/// <summary>
/// Replicate's predictions API: <c>POST /v1/models/{owner}/{name}/predictions</c> with the model's fields under
/// <c>input</c>, <c>GET /v1/predictions/{id}</c>, <c>POST /v1/predictions/{id}/cancel</c>, and <c>POST /v1/files</c>
/// for images too large to send inline. Errors are RFC 7807 problem details (<c>{title, detail, status}</c>).
/// </summary>
public sealed class ReplicateProvider : IVideoProvider, IImageUploader, ITaskLister
{
    public const string Name = "Replicate";

    // Replicate's own advice: data: URIs for files up to 256 KB, an uploaded file's URL above that. It also keeps
    // the 10 MB combined inline limit of its JS client out of reach: nine references of 256 KB are 2.3 MB.
    private const long InlineLimit = 256 * 1024;

    // Seedance 2.0 takes -1 ("intelligent duration") to 15 in the schema; ByteDance renders 4 to 15 s.
    private static readonly int[] Seedance2Durations = Enumerable.Range(4, 12).ToArray();
    private static readonly int[] Seedance1Durations = Enumerable.Range(2, 11).ToArray();
    private static readonly string[] Seedance2Ratios = { "16:9", "4:3", "1:1", "3:4", "9:16", "21:9", "adaptive" };
    private static readonly string[] Seedance1Ratios = { "16:9", "4:3", "1:1", "3:4", "9:16", "21:9", "9:21" };

    /// <summary>Replicate's error codes close a message, e.g. "... flagged as sensitive. (E005)".</summary>
    private static readonly Regex ErrorCode = new(@"\((E\d{3,4})\)", RegexOptions.CultureInvariant);

    /// <summary>The code of a moderation refusal: "The input or output was flagged as sensitive".</summary>
    private const string SensitiveCode = "E005";

    // No Replicate price for any of these models is in public material, so no PricePerSecond is given.
    public ProviderInfo Info { get; } = new(Name, new Uri("https://api.replicate.com/v1"), "Bearer", new[] { "REPLICATE_API_TOKEN" }, new[]
    {
        // One model id covers text, first frame (+ last frame) and up to 9 references.
        Seedance2("bytedance/seedance-2.0-fast", "Seedance 2.0 Fast", new[] { "seedance-2-0-fast", "seedance-2.0-fast" }, new[] { "480p", "720p" }, TimeSpan.FromSeconds(35)),
        Seedance2("bytedance/seedance-2.0", "Seedance 2.0", new[] { "seedance-2-0", "seedance-2.0" }, new[] { "480p", "720p", "1080p" }, TimeSpan.FromSeconds(80)),
        Seedance1("bytedance/seedance-1-pro", "Seedance 1.0 Pro", new[] { "seedance-1-pro", "seedance-1-0-pro" }, ImageUse.FirstFrame, maxImages: 1, defaultResolution: "1080p"),
        // 1 Lite takes reference images only below 1080p.
        Seedance1("bytedance/seedance-1-lite", "Seedance 1.0 Lite", new[] { "seedance-1-lite", "seedance-1-0-lite" }, ImageUse.FirstFrameOrReferences, maxImages: 4, defaultResolution: "720p") with
        {
            ReferenceImageResolutions = new[] { "480p", "720p" },
        },
    })
    {
        CancelBehaviour = "Cancels a starting or processing prediction; a processing one is charged for the time it ran.",
        WebhookBehaviour = "POSTs the prediction when it completes, signed Standard Webhooks style with the account's whsec_ secret (GET /v1/webhooks/default/secret).",
        OutputRetention = "1 hour: Replicate deletes the inputs and outputs of API predictions an hour after they finish",
        InlineImageLimitBytes = InlineLimit,
        // Beyond ByteDance's own names: the image fields under `input`, where -ExtraField values go too.
        ReservedFields = ReservedFields.Seedance()
            .SetBy("Image", "image", "reference_images")
            .SetBy("LastImage", "last_frame_image")
            .Unchecked(ReservedFields.ReferenceMedia, "reference_videos", "reference_audios"),
    };

    /// <summary>A Seedance 2.0 model: text, a first frame (+ last frame) or up to 9 references, native audio.</summary>
    private static ModelInfo Seedance2(string id, string family, string[] aliases, string[] resolutions, TimeSpan typicalTime) => new(Name, id, family)
    {
        Aliases = aliases,
        ImageUse = ImageUse.FirstFrameOrReferences,
        MinImages = 0,
        MaxImages = 9,
        Durations = Seedance2Durations,
        DefaultDuration = 5,
        Resolutions = resolutions,
        DefaultResolution = "720p",
        AspectRatios = Seedance2Ratios,
        Options = ModelOptions.LastImage | ModelOptions.GenerateAudio | ModelOptions.Seed | ModelOptions.Webhook,
        TypicalGenerationTime = typicalTime,
    };

    /// <summary>A Seedance 1.0 model: silent, 2 to 12 s, with a camera lock.</summary>
    private static ModelInfo Seedance1(string id, string family, string[] aliases, ImageUse imageUse, int maxImages, string defaultResolution) => new(Name, id, family)
    {
        Aliases = aliases,
        ImageUse = imageUse,
        MinImages = 0,
        MaxImages = maxImages,
        Durations = Seedance1Durations,
        DefaultDuration = 5,
        Resolutions = new[] { "480p", "720p", "1080p" },
        DefaultResolution = defaultResolution,
        AspectRatios = Seedance1Ratios,
        Options = ModelOptions.LastImage | ModelOptions.Seed | ModelOptions.CameraFixed | ModelOptions.Webhook,
    };

    public async Task<VideoTask> SubmitAsync(ProviderContext context, PreparedRequest request, CancellationToken cancellationToken)
    {
        var source = request.Source;
        var input = new JsonObject();
        if (request.Prompt is not null)
        {
            input["prompt"] = request.Prompt;
        }

        AddImages(input, request);
        input["duration"] = request.DurationSeconds;
        if (request.Resolution is not null)
        {
            input["resolution"] = request.Resolution;
        }

        if (request.AspectRatio is not null)
        {
            input["aspect_ratio"] = request.AspectRatio;
        }

        if (source.GenerateAudio is { } audio)
        {
            input["generate_audio"] = audio;
        }

        if (source.Seed is { } seed)
        {
            input["seed"] = seed;
        }

        if (source.CameraFixed is { } cameraFixed)
        {
            input["camera_fixed"] = cameraFixed;
        }

        // Every model option lives under `input`, so that is where -ExtraField values go too.
        WireJson.AddExtraFields(input, request.ExtraFields);

        var body = new JsonObject { ["input"] = input };
        if (source.WebhookUrl is { } webhook)
        {
            // Only the final state: the module's webhook means "the task finished".
            body["webhook"] = webhook.AbsoluteUri;
            body["webhook_events_filter"] = new JsonArray("completed");
        }

        var response = await context.Http.SendAsync(new ApiRequest(HttpCallKind.Submit, HttpMethod.Post, context.Resolve($"models/{request.Model.Id}/predictions"))
        {
            JsonBody = body.ToJsonString(),
            Purpose = "create a prediction",
        }, cancellationToken).ConfigureAwait(false);

        var prediction = response.Json;
        var id = prediction.Text("id") ?? throw WireJson.Missing(Name, "id", "create");
        return ReadPrediction(prediction, new VideoTask(id, Name, request.Model.Id) { CreatedAt = DateTimeOffset.UtcNow });
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

    public async Task<Uri> UploadAsync(ProviderContext context, PreparedImage image, CancellationToken cancellationToken)
    {
        var content = image.Content ?? throw new ArgumentException("Only local images are uploaded.", nameof(image));
        var response = await context.Http.SendAsync(new ApiRequest(HttpCallKind.Upload, HttpMethod.Post, context.Resolve("files"))
        {
            ContentFactory = () => FileForm(content, image.MediaType, image.FileName),
            Purpose = $"upload {image.FileName}",
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
            _ => task.State,
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

    /// <summary>One image is the first frame (<c>image</c>); several are <c>reference_images</c>.</summary>
    private static void AddImages(JsonObject input, PreparedRequest request)
    {
        if (request.Images.Count == 1)
        {
            input["image"] = request.Images[0].WireValue;
        }
        else if (request.Images.Count > 1)
        {
            input["reference_images"] = new JsonArray(request.Images.Select(image => (JsonNode)JsonValue.Create(image.WireValue)!).ToArray());
        }

        if (request.LastImage is { } last)
        {
            input["last_frame_image"] = last.WireValue;
        }
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
    private static Uri? OutputUrl(JsonElement prediction)
    {
        var output = prediction.Node("output");
        var url = output?.ValueKind == JsonValueKind.Array
            ? output.Value.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.String).Select(item => item.GetString()).FirstOrDefault()
            : prediction.Text("output");
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri : null;
    }

    /// <summary>The error, a string on Replicate; any other JSON is shown as it came.</summary>
    private static string? ErrorText(JsonElement prediction) =>
        prediction.Text("error") ?? prediction.Node("error")?.GetRawText();
}
