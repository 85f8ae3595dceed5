using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Seedance.Http;
using Seedance.Requests;
using Seedance.Tasks;

namespace Seedance.Providers;

/// <summary>
/// AI/ML API's universal video API: <c>POST /v2/video/generations</c> creates a generation and
/// <c>GET /v2/video/generations?generation_id=</c> reports on it, both answering <c>{id, status, video.url,
/// error{name,message}, meta.usage}</c>. Errors come as <c>{message, path, requestId, statusCode, timestamp}</c>.
/// It has no cancel, no webhooks and no upload endpoint: local images travel inline as data: URIs.
/// </summary>
public sealed class AimlApiProvider : IVideoProvider
{
    public const string Name = "AIMLAPI";

    private const string GenerationsPath = "v2/video/generations";

    private static readonly int[] FourToFifteen = Enumerable.Range(4, 12).ToArray();
    private static readonly string[] UpTo1080p = { "480p", "720p", "1080p" };
    private static readonly string[] Seedance2Ratios = { "21:9", "16:9", "4:3", "1:1", "3:4", "9:16" };

    public ProviderInfo Info { get; } = new(Name, new Uri("https://api.aimlapi.com"), "Bearer", new[] { "AIMLAPI_KEY" }, new[]
    {
        // One id covers text, first frame (+ last frame) and up to 9 reference images. Duration is an integer
        // 4-15 whose schema default is 8. No price is published: $0.314496/s at 720p is derived from the docs'
        // one priced example (8 s 720p, usd_spent 2.515968), which is exactly fal's published 720p rate x 1.3.
        new ModelInfo(Name, "bytedance/seedance-2-0-fast", "Seedance 2.0 Fast")
        {
            Aliases = new[] { "seedance-2-0-fast", "seedance-2.0-fast" },
            ImageUse = ImageUse.FirstFrameOrReferences,
            MinImages = 0,
            MaxImages = 9,
            Durations = FourToFifteen,
            DefaultDuration = 8,
            Resolutions = new[] { "480p", "720p" },
            DefaultResolution = "720p",
            AspectRatios = Seedance2Ratios,
            Options = ModelOptions.LastImage | ModelOptions.GenerateAudio | ModelOptions.Seed,
            PricePerSecond = new Dictionary<string, decimal> { ["720p"] = 0.314496m },
            TypicalGenerationTime = TimeSpan.FromSeconds(93),
        },
        new ModelInfo(Name, "bytedance/seedance-2-0", "Seedance 2.0")
        {
            Aliases = new[] { "seedance-2-0", "seedance-2.0" },
            ImageUse = ImageUse.FirstFrameOrReferences,
            MinImages = 0,
            MaxImages = 9,
            Durations = FourToFifteen,
            DefaultDuration = 5,
            Resolutions = new[] { "480p", "720p", "1080p", "4k" },
            DefaultResolution = "720p",
            AspectRatios = Seedance2Ratios,
            Options = ModelOptions.LastImage | ModelOptions.GenerateAudio | ModelOptions.Seed | ModelOptions.Watermark,
        },
        new ModelInfo(Name, "bytedance/seedance-1-5-pro", "Seedance 1.5 Pro")
        {
            Aliases = new[] { "seedance-1-5-pro" },
            ImageUse = ImageUse.FirstFrame,
            MinImages = 0,
            MaxImages = 1,
            Durations = Enumerable.Range(4, 9).ToArray(),
            DefaultDuration = 5,
            Resolutions = UpTo1080p,
            DefaultResolution = "720p",
            AspectRatios = new[] { "16:9", "4:3", "1:1", "3:4", "9:16", "21:9", "adaptive" },
            Options = ModelOptions.LastImage | ModelOptions.GenerateAudio | ModelOptions.Seed | ModelOptions.CameraFixed | ModelOptions.Watermark,
        },
        Seedance1("bytedance/seedance-1-0-pro-fast", "Seedance 1.0 Pro Fast", ImageUse.FirstFrame, 0, 1, ModelOptions.LastImage),
        Seedance1("bytedance/seedance-1-0-pro-i2v", "Seedance 1.0 Pro", ImageUse.FirstFrame, 1, 1, ModelOptions.LastImage),
        // The published schema of this text-to-video id also takes image_url and last_image_url.
        Seedance1("bytedance/seedance-1-0-pro-t2v", "Seedance 1.0 Pro", ImageUse.FirstFrame, 0, 1, ModelOptions.LastImage),
        Seedance1("bytedance/seedance-1-0-lite-i2v", "Seedance 1.0 Lite", ImageUse.FirstFrame, 1, 1, ModelOptions.None, typicalSeconds: 90),
        Seedance1("bytedance/seedance-1-0-lite-t2v", "Seedance 1.0 Lite", ImageUse.None, 0, 0, ModelOptions.None, new[] { "16:9", "4:3", "1:1", "3:4", "9:16", "21:9", "9:21" }),
    })
    {
        Aliases = new[] { "AIML", "aimlapi.com" },
        // image_url, last_image_url and image_urls take "a direct link or a Base64-encoded local image".
        InlineImageLimitBytes = 10 * 1024 * 1024,
        OutputRetention = "24 hours when the task ran at ByteDance (for its own CDN the time is not published)",
        // Beyond ByteDance's own names: the image fields, and the 1.0 models' spelling of camera_fixed.
        ReservedFields = ReservedFields.Seedance()
            .SetBy("Image", "image_url", "image_urls")
            .SetBy("LastImage", "last_image_url")
            .SetBy("CameraFixed", "camerafixed")
            .Unchecked(ReservedFields.ReferenceMedia, "video_urls", "audio_urls", "video_url", "audio_url"),
        // No API lists generations; the usage page of the dashboard (AI/ML API's own docs name it) shows what was spent.
        RequestsPage = new Uri("https://aimlapi.com/app/usage"),
    };

    /// <summary>
    /// A Seedance 1.0 model: 5 or 10 s, 480p to 1080p (1080p by default), no sound; seed, watermark and
    /// "camerafixed" (so spelled) on all; aspect ratio only where <paramref name="aspectRatios"/> are given.
    /// </summary>
    private static ModelInfo Seedance1(string id, string family, ImageUse imageUse, int minImages, int maxImages, ModelOptions options, string[]? aspectRatios = null, int typicalSeconds = 60) =>
        new(Name, id, family)
        {
            Aliases = new[] { id.Substring("bytedance/".Length) },
            ImageUse = imageUse,
            MinImages = minImages,
            MaxImages = maxImages,
            Durations = new[] { 5, 10 },
            DefaultDuration = 5,
            Resolutions = UpTo1080p,
            DefaultResolution = "1080p",
            AspectRatios = aspectRatios ?? Array.Empty<string>(),
            Options = options | ModelOptions.Seed | ModelOptions.CameraFixed | ModelOptions.Watermark,
            TypicalGenerationTime = TimeSpan.FromSeconds(typicalSeconds),
        };

    public async Task<VideoTask> SubmitAsync(ProviderContext context, PreparedRequest request, CancellationToken cancellationToken)
    {
        var response = await context.Http.SendAsync(new ApiRequest(HttpCallKind.Submit, HttpMethod.Post, context.Resolve(GenerationsPath))
        {
            JsonBody = BodyOf(request).ToJsonString(),
            Purpose = "submit a video generation",
        }, cancellationToken).ConfigureAwait(false);

        var generation = response.Json;
        var id = generation.Text("id") ?? throw WireJson.Missing(Name, "id", "submit");
        return ReadGeneration(generation, new VideoTask(id, Name, request.Model.Id) { CreatedAt = DateTimeOffset.UtcNow, State = TaskState.Queued });
    }

    public async Task<VideoTask> RefreshAsync(ProviderContext context, VideoTask task, CancellationToken cancellationToken)
    {
        var response = await context.Http.SendAsync(new ApiRequest(HttpCallKind.Status, HttpMethod.Get, context.Resolve($"{GenerationsPath}?generation_id={Uri.EscapeDataString(task.Id)}"))
        {
            Purpose = $"report on generation {task.Id}",
        }, cancellationToken).ConfigureAwait(false);
        return ReadGeneration(response.Json, task);
    }

    /// <summary>AI/ML API documents no way to cancel or delete a video generation; the charge is taken at submit.</summary>
    public Task<CancelOutcome> CancelAsync(ProviderContext context, VideoTask task, CancellationToken cancellationToken)
    {
        SeedanceLog.Verbose($"{Name} has no cancel endpoint for video generations: task {task.Id} runs to the end, and it was charged when it was submitted.");
        return Task.FromResult(CancelOutcome.NotSupported);
    }

    public ApiFailure DescribeFailure(ApiResponse response)
    {
        var body = WireJson.TryParse(response.Body);
        var status = (int)response.StatusCode;

        // "Body validation error!" is followed by zod's detail on further lines; one line reads better in an error record.
        var message = (body?.Text("message") ?? response.StatusCode.ToString()).Replace("\r", string.Empty).Replace('\n', ' ');
        string? code = null;
        var category = ApiFailure.CategoryOf(status);
        if (status == 403 && WireJson.Mentions(message, "credit", "top up", "balance", "billing"))
        {
            category = SeedanceErrorCategory.InsufficientBalance;
        }
        else if (status == 429 && WireJson.Mentions(message, "free-tier", "free tier", "free limit"))
        {
            // An hourly allowance that is used up does not come back by retrying in seconds.
            category = SeedanceErrorCategory.InsufficientBalance;
            code = "FreeTierLimit";
            message += " (The free tier's hourly allowance is used up: wait for the next hour, or subscribe to a paid plan.)";
        }
        else if (category == SeedanceErrorCategory.Validation && WireJson.Mentions(message, "sensitive", "moderation", "content policy", "nsfw"))
        {
            category = SeedanceErrorCategory.ContentPolicy;
        }

        if (body?.Text("requestId") is { } requestId)
        {
            message += $" [{Name} request id {requestId}]";
        }

        return new ApiFailure(category, message, code);
    }

    private static JsonObject BodyOf(PreparedRequest request)
    {
        var body = new JsonObject { ["model"] = request.Model.Id };
        if (request.Prompt is { } prompt)
        {
            body["prompt"] = prompt;
        }

        AddImages(body, request);

        // The schema types duration as an integer (the docs' own example sends the string "8"; both are taken).
        body["duration"] = request.DurationSeconds;
        if (request.Resolution is { } resolution)
        {
            body["resolution"] = resolution;
        }

        if (request.AspectRatio is { } aspectRatio)
        {
            body["aspect_ratio"] = aspectRatio;
        }

        var source = request.Source;
        if (source.GenerateAudio is { } audio)
        {
            body["generate_audio"] = audio;
        }

        if (source.Seed is { } seed)
        {
            body["seed"] = seed;
        }

        if (source.CameraFixed is { } cameraFixed)
        {
            // The 1.0 models' schemas spell it "camerafixed"; 1.5 Pro's "camera_fixed".
            body[request.Model.Family.StartsWith("Seedance 1.0", StringComparison.Ordinal) ? "camerafixed" : "camera_fixed"] = cameraFixed;
        }

        if (source.Watermark is { } watermark)
        {
            body["watermark"] = watermark;
        }

        // e.g. -ExtraField @{ provider = 'bytedance' } picks the route (bytedance | fal | auto).
        WireJson.AddExtraFields(body, request.ExtraFields);
        return body;
    }

    /// <summary>One image is the first frame (<c>image_url</c>); several are references (<c>image_urls</c>, @Image1...).</summary>
    private static void AddImages(JsonObject body, PreparedRequest request)
    {
        if (request.Images.Count == 1)
        {
            body["image_url"] = request.Images[0].WireValue;
        }
        else if (request.Images.Count > 1)
        {
            body["image_urls"] = new JsonArray(request.Images.Select(image => (JsonNode)JsonValue.Create(image.WireValue)!).ToArray());
        }

        if (request.LastImage is { } lastImage)
        {
            body["last_image_url"] = lastImage.WireValue;
        }
    }

    internal static VideoTask ReadGeneration(JsonElement generation, VideoTask task)
    {
        var status = generation.Text("status");
        var video = generation.Url("video", "url");

        // "waiting" and "active" appear in the docs' own polling samples beside the schema's four words.
        var state = status switch
        {
            "queued" or "waiting" => TaskState.Queued,
            "generating" or "active" => TaskState.Running,
            "completed" => TaskState.Succeeded,
            "error" => TaskState.Failed,
            _ => task.State,
        };
        var error = generation.Text("error", "message") ?? generation.Text("error")
            ?? (status == "error" ? $"{Name} reported the generation failed without a reason." : null);
        return task.Next(state, video, error, generation.Text("error", "name")) with
        {
            ReportedCost = generation.Decimal("meta", "usage", "usd_spent") ?? task.ReportedCost,
        };
    }
}
