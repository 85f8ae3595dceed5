using System.Text.Json;
using System.Text.Json.Nodes;
using Seedance.Http;
using Seedance.Providers.Models;
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

    /// <summary>One image is the first frame (<c>image_url</c>); several are references (<c>image_urls</c>, @Image1...).</summary>
    private static readonly ImageFields ImageFields = new("image_url", "image_urls", "last_image_url");

    private static readonly ReferenceMediaFields ReferenceMediaFields = new("video_urls", "audio_urls");

    /// <summary>ByteDance's names; AI/ML API takes no webhook.</summary>
    private static readonly OptionFields OptionFields = new();

    /// <summary>The 1.0 models' schemas spell it "camerafixed"; 1.5 Pro's "camera_fixed".</summary>
    private static readonly OptionFields SeedanceOneOptionFields = OptionFields with { CameraFixed = "camerafixed" };

    public ProviderInfo Info { get; } = new(Name, new Uri("https://api.aimlapi.com"), "Bearer", new[] { "AIMLAPI_KEY" }, AimlApiModels.All)
    {
        Aliases = new[] { "AIML", "aimlapi.com" },
        // image_url, last_image_url and image_urls take "a direct link or a Base64-encoded local image".
        InlineImageLimitBytes = 10 * 1024 * 1024,
        OutputRetention = "24 hours when the task ran at ByteDance (for its own CDN the time is not published)",
        OutputLifetime = TimeSpan.FromHours(24),
        // Beyond ByteDance's own names: the image fields, and the 1.0 models' spelling of camera_fixed.
        ReservedFields = ReservedFields.Seedance()
            .SetBy("Image", "image_url", "image_urls")
            .SetBy("LastImage", "last_image_url")
            .SetBy("CameraFixed", "camerafixed")
            .SetBy("ReferenceVideo", "video_urls")
            .SetBy("ReferenceAudio", "audio_urls")
            .Unchecked(ReservedFields.ReferenceMedia, "video_url", "audio_url"),
        // No API lists generations; the usage page of the dashboard (AI/ML API's own docs name it) shows what was spent.
        RequestsPage = new Uri("https://aimlapi.com/app/usage"),
    };

    public async Task<VideoTask> SubmitAsync(ProviderContext context, PreparedRequest request, CancellationToken cancellationToken)
    {
        var response = await SubmitCall.PostAsync(context, GenerationsPath, BodyOf(request), "submit a video generation", cancellationToken).ConfigureAwait(false);
        return ReadGeneration(response.Json, SubmitCall.TaskId(response.Json, Name, request.Model.Id));
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
        WireJson.AddIfSet(body, "prompt", request.Prompt);
        ImageFields.AddTo(body, request);
        ReferenceMediaFields.AddTo(body, request);

        // The schema types duration as an integer (the docs' own example sends the string "8"; both are taken).
        body["duration"] = request.DurationSeconds;
        (request.Model.Family.StartsWith("Seedance 1.0", StringComparison.Ordinal) ? SeedanceOneOptionFields : OptionFields).AddTo(body, request);

        // e.g. -ExtraField @{ provider = 'bytedance' } picks the route (bytedance | fal | auto).
        WireJson.AddExtraFields(body, request.ExtraFields);
        return body;
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
            _ => task.Lifecycle,
        };
        var error = generation.Text("error", "message") ?? generation.Text("error")
            ?? (status == "error" ? $"{Name} reported the generation failed without a reason." : null);
        return task.Next(state, video, error, generation.Text("error", "name")) with
        {
            ReportedCost = generation.Decimal("meta", "usage", "usd_spent") ?? task.ReportedCost,
        };
    }
}
