using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Seedance.Emulator.Files;
using Seedance.Emulator.Server;
using Seedance.Emulator.Tasks;

namespace Seedance.Emulator.Twins;

/// <summary>
/// AI/ML API: <c>POST /v2/video/generations</c> and <c>GET /v2/video/generations?generation_id=</c>, also under
/// the legacy vendor path <c>/v2/generate/video/bytedance/generation</c> (whose POST answers 201), plus its Seedance guide's
/// simplified <c>POST /v2/generate/video</c> → <c>{task_id}</c>, <c>GET /v2/generate/video/{id}</c>
/// → <c>{status, video_url}</c>. Statuses queued, generating, completed, error; the video at <c>video.url</c>;
/// errors as <c>{message, path, requestId, statusCode, timestamp}</c>; bodies checked per model like the real
/// service's zod schemas (400 "Body validation error!", unknown fields dropped); more unfinished generations
/// per key than the concurrency limit answer 429. No cancel, webhook or upload endpoint exists.
/// </summary>
internal sealed partial class AimlApiTwin : IProviderTwin
{
    private const string Generations = "/v2/video/generations";
    private const string BodyValidationError = "Body validation error!";
    private const string NanoidAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
    /// <summary>The most video_urls and audio_urls entries each (AI/ML API's 2.0 schemas).</summary>
    private const int MaxReferenceMedia = 3;

    private static readonly int[] FourToFifteen = Enumerable.Range(4, 12).ToArray();
    private static readonly int[] FiveOrTen = { 5, 10 };
    private static readonly string[] UpTo1080p = { "480p", "720p", "1080p" };
    private static readonly string[] Seedance2Ratios = { "21:9", "16:9", "4:3", "1:1", "3:4", "9:16" };
    private static readonly string[] Backends = { "bytedance", "fal", "auto" };

    // The request schemas of docs/api-references/video-models/ByteDance/*.json in aimlapi/api-docs.
    private static readonly Dictionary<string, ModelSchema> Schemas = new ModelSchema[]
    {
        new("bytedance/seedance-2-0-fast", FourToFifteen, 8, new[] { "480p", "720p" }, "720p") { AspectRatios = Seedance2Ratios, LastImage = true, MaxReferenceImages = 9, ReferenceMedia = true, GeneratesAudio = true },
        new("bytedance/seedance-2-0", FourToFifteen, 5, new[] { "480p", "720p", "1080p", "4k" }, "720p") { AspectRatios = Seedance2Ratios, LastImage = true, MaxReferenceImages = 9, ReferenceMedia = true, GeneratesAudio = true, Watermark = true },
        new("bytedance/seedance-1-5-pro", Enumerable.Range(4, 9).ToArray(), 5, UpTo1080p, "720p") { AspectRatios = new[] { "16:9", "4:3", "1:1", "3:4", "9:16", "21:9", "adaptive" }, LastImage = true, GeneratesAudio = true, CameraField = "camera_fixed", Watermark = true },
        new("bytedance/seedance-1-0-pro-fast", FiveOrTen, 5, UpTo1080p, "1080p") { LastImage = true, CameraField = "camerafixed", Watermark = true },
        new("bytedance/seedance-1-0-pro-i2v", FiveOrTen, 5, UpTo1080p, "1080p") { LastImage = true, CameraField = "camerafixed", Watermark = true },
        new("bytedance/seedance-1-0-pro-t2v", FiveOrTen, 5, UpTo1080p, "1080p") { LastImage = true, CameraField = "camerafixed", Watermark = true },
        new("bytedance/seedance-1-0-lite-i2v", FiveOrTen, 5, UpTo1080p, "1080p") { ImageRequired = true, CameraField = "camerafixed", Watermark = true },
        new("bytedance/seedance-1-0-lite-t2v", FiveOrTen, 5, UpTo1080p, "1080p") { FirstImage = false, AspectRatios = new[] { "16:9", "4:3", "1:1", "3:4", "9:16", "21:9", "9:21" }, CameraField = "camerafixed", Watermark = true },
    }.ToDictionary(schema => schema.Model, StringComparer.Ordinal);

    // The Seedance guide's simplified shape: its own model name, durations and ratios.
    private static readonly string[] SimplifiedModels = { "seedance-2-0-fast", "bytedance/seedance-2-0-fast" };
    private static readonly int[] SimplifiedDurations = { 3, 5, 8, 10 };
    private static readonly string[] SimplifiedRatios = { "16:9", "9:16", "1:1", "4:3" };

    private readonly EmulatorServices _services;

    /// <summary>Checks one submit shape: the problem in zod's words (null when none), what was asked, and the route.</summary>
    private delegate string? Validator(JsonObject body, out EmulatedTaskSpec spec, out string route);

    public AimlApiTwin(EmulatorServices services)
    {
        _services = services;
        Routes = RouteTable();
    }

    public string Provider => "AIMLAPI";

    public string Prefix => "aimlapi";

    public JsonNode ErrorBody(int status, string message) => ErrorBody(status, message, Generations);

    /// <summary>Checks a submit body against <paramref name="validate"/>, creates the task, and answers with <paramref name="answer"/>.</summary>
    private async Task SubmitAsync(EmulatorContext context, string key, Validator validate, Func<EmulatedTask, JsonObject> answer, int createdStatus)
    {
        if (await ReadSubmitAsync(context, key).ConfigureAwait(false) is not { } submitted)
        {
            return;
        }

        var (raw, body) = submitted;
        var problem = validate(body, out var spec, out var route);
        if (problem is not null)
        {
            await Error(context, 400, BodyValidationError + "\n" + problem).ConfigureAwait(false);
            return;
        }

        spec.RawBody = raw;
        var task = _services.Tasks.Create(NewId(route), key, spec, context.FinishesAtOnce);
        await context.RespondJsonAsync(createdStatus, answer(task)).ConfigureAwait(false);
    }

    /// <summary>The create answer; the charge is reported at once, in it.</summary>
    private static JsonObject Created(EmulatedTask task) => new()
    {
        ["id"] = task.Id,
        ["status"] = "queued",
        ["meta"] = new JsonObject { ["usage"] = Usage(task.Spec) },
    };

    private async Task StatusAsync(EmulatorContext context)
    {
        var id = context.Query["generation_id"];
        if (string.IsNullOrEmpty(id))
        {
            await Error(context, 400, "Query validation error!\nRequired at \"generation_id\"").ConfigureAwait(false);
            return;
        }

        var task = await ObserveAsync(context, id!).ConfigureAwait(false);
        if (task is not null)
        {
            await context.RespondJsonAsync(200, Generation(task)).ConfigureAwait(false);
        }
    }

    private async Task SimplifiedStatusAsync(EmulatorContext context, string id)
    {
        var task = await ObserveAsync(context, id).ConfigureAwait(false);
        if (task is null)
        {
            return;
        }

        var answer = new JsonObject { ["task_id"] = task.Id, ["status"] = StatusWord(task) };
        if (task.State == EmulatedTaskState.Succeeded)
        {
            answer["video_url"] = _services.VideoUrl(task).AbsoluteUri;
        }
        else if (task.IsFinal)
        {
            answer["error"] = task.Error;
        }

        await context.RespondJsonAsync(200, answer).ConfigureAwait(false);
    }

    /// <summary>The submit body, raw and parsed, past the limits a submit meets first; null when an error was already answered.</summary>
    private async Task<(string Raw, JsonObject Body)?> ReadSubmitAsync(EmulatorContext context, string key)
    {
        var raw = await context.ReadBodyAsync().ConfigureAwait(false);
        var limit = _services.Options.ConcurrencyLimitFor(Provider);
        if (limit > 0 && _services.Tasks.Snapshot().Count(task => task.Key == key && task.Spec.Provider == Provider && !task.IsFinal) >= limit)
        {
            await Error(context, 429, "Too Many Requests").ConfigureAwait(false);
            return null;
        }

        var body = EmulatorContext.ParseObject(raw);
        if (body is null)
        {
            await Error(context, 400, BodyValidationError + "\nExpected object, received " + (raw.Trim().Length == 0 ? "undefined" : "invalid JSON")).ConfigureAwait(false);
            return null;
        }

        return (raw, body);
    }

    private async Task<EmulatedTask?> ObserveAsync(EmulatorContext context, string id)
    {
        var task = _services.Tasks.Observe(id);
        if (task is null || task.Spec.Provider != Provider)
        {
            await Error(context, 404, "Generation not found").ConfigureAwait(false);
            return null;
        }

        return task;
    }

    private static string? Validate(JsonObject body, out EmulatedTaskSpec spec, out string route)
    {
        spec = new EmulatedTaskSpec { Provider = "AIMLAPI" };
        route = "auto";
        var problem = Choice(body, "model", Schemas.Keys.ToArray(), out var model);
        if (problem is not null || model is null)
        {
            return problem ?? Required("model");
        }

        var schema = Schemas[model];
        spec.Model = model;
        string? resolution = null, aspectRatio = null, chosenRoute = null;
        bool? audio = null, cameraFixed = null;
        problem = Prompt(body, spec)
            ?? Images(body, schema, spec)
            ?? (schema.ReferenceMedia ? ReferenceMedia(body, spec) : null)
            ?? Duration(body, schema.Durations, schema.DefaultDuration, spec)
            ?? Choice(body, "resolution", schema.Resolutions, out resolution)
            ?? (schema.AspectRatios.Length > 0 ? Choice(body, "aspect_ratio", schema.AspectRatios, out aspectRatio) : null)
            ?? (schema.GeneratesAudio ? Flag(body, "generate_audio", out audio) : null)
            ?? Seed(body)
            ?? (schema.CameraField is { } camera ? Flag(body, camera, out cameraFixed) : null)
            ?? (schema.Watermark ? Flag(body, "watermark", out _) : null)
            ?? Choice(body, "provider", Backends, out chosenRoute, ignoreCase: true);
        spec.Resolution = resolution ?? schema.DefaultResolution;
        spec.AspectRatio = aspectRatio;
        spec.Audio = schema.GeneratesAudio && audio != false;
        spec.CameraFixed = cameraFixed == true;
        route = chosenRoute?.ToLowerInvariant() ?? route;
        return problem;
    }

    private static string? ValidateSeedanceGuideRequest(JsonObject body, out EmulatedTaskSpec spec, out string route)
    {
        spec = new EmulatedTaskSpec { Provider = "AIMLAPI", Model = "bytedance/seedance-2-0-fast" };
        route = "auto";
        string? model = null, image = null, resolution = null, aspectRatio = null;
        var problem = Choice(body, "model", SimplifiedModels, out model)
            ?? (model is null ? Required("model") : null)
            ?? Prompt(body, spec)
            ?? Url(body, "image_url", out image)
            ?? Duration(body, SimplifiedDurations, 5, spec)
            ?? Choice(body, "resolution", UpTo1080p, out resolution)
            ?? Choice(body, "aspect_ratio", SimplifiedRatios, out aspectRatio);
        spec.ImageCount = image is null ? 0 : 1;
        spec.AddImages(body["image_url"]);
        spec.Resolution = resolution ?? "720p";
        spec.AspectRatio = aspectRatio;
        return problem;
    }

    private static string? Prompt(JsonObject body, EmulatedTaskSpec spec)
    {
        var problem = Choice(body, "prompt", null, out var prompt);
        spec.Prompt = prompt ?? string.Empty;
        return problem ?? (string.IsNullOrWhiteSpace(prompt) ? Required("prompt") : null);
    }

    private static string? Images(JsonObject body, ModelSchema schema, EmulatedTaskSpec spec)
    {
        string? first = null;
        string? last = null;
        var references = 0;
        var problem = (schema.FirstImage ? Url(body, "image_url", out first) : null)
            ?? (schema.LastImage ? Url(body, "last_image_url", out last) : null)
            ?? (schema.MaxReferenceImages > 0 ? Urls(body, "image_urls", schema.MaxReferenceImages, out references) : null);
        if (problem is not null)
        {
            return problem;
        }

        if (schema.ImageRequired && first is null)
        {
            return Required("image_url");
        }

        if (references > 0 && (first is not null || last is not null))
        {
            // ByteDance's rule: first/last-frame and reference-image generation are exclusive scenarios.
            return "image_urls cannot be combined with image_url or last_image_url";
        }

        spec.ImageCount = references + (first is null ? 0 : 1) + (last is null ? 0 : 1);
        spec.AddImages(body["image_url"]);
        spec.AddImages(body["image_urls"]);
        return null;
    }

    /// <summary>A duration from the allowed list; the docs' own example sends it as a string ("8"), which is taken too.</summary>
    private static string? Duration(JsonObject body, IReadOnlyList<int> allowed, int fallback, EmulatedTaskSpec spec)
    {
        if (body["duration"] is not JsonValue value)
        {
            spec.DurationSeconds = fallback;
            return null;
        }

        var duration = JsonFields.Integer(body, "duration");
        if (duration is null)
        {
            return $"Expected number, received {KindOf(value)} at \"duration\"";
        }

        spec.DurationSeconds = duration.Value;
        return allowed.Contains(duration.Value) ? null : InvalidEnum("duration", allowed.Select(item => item.ToString(CultureInfo.InvariantCulture)), value.ToJsonString());
    }

    /// <summary>An optional string field, checked against <paramref name="allowed"/> when given.</summary>
    private static string? Choice(JsonObject body, string field, IReadOnlyList<string>? allowed, out string? value, bool ignoreCase = false)
    {
        value = null;
        if (body[field] is not { } node)
        {
            return null;
        }

        value = JsonFields.Text(body, field);
        if (value is null)
        {
            return $"Expected string, received {KindOf(node)} at \"{field}\"";
        }

        var comparison = ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        return allowed is null || allowed.Contains(value, comparison) ? null : InvalidEnum(field, allowed.Select(item => $"'{item}'"), $"'{value}'");
    }

    private static string? Flag(JsonObject body, string field, out bool? value)
    {
        value = JsonFields.Boolean(body, field);
        return body[field] is { } node && value is null ? $"Expected boolean, received {KindOf(node)} at \"{field}\"" : null;
    }

    private static string? Seed(JsonObject body) =>
        body["seed"] is { } node && KindOf(node) != "number" ? $"Expected integer, received {KindOf(node)} at \"seed\"" : null;

    /// <summary>An optional image: an http(s) URL or a base64 data: URI.</summary>
    private static string? Url(JsonObject body, string field, out string? value)
    {
        var problem = Choice(body, field, null, out value);
        return problem ?? (value is null || IsImageReference(value) ? null : $"Invalid url at \"{field}\"");
    }

    /// <summary>
    /// video_urls and audio_urls (1-3 http(s) URLs each, as the 2.0 schemas have them); audio needs an image or a video
    /// reference too.
    /// </summary>
    private static string? ReferenceMedia(JsonObject body, EmulatedTaskSpec spec)
    {
        var audios = 0;
        var problem = Urls(body, "video_urls", MaxReferenceMedia, out var videos, IsWebUrl) ?? Urls(body, "audio_urls", MaxReferenceMedia, out audios, IsWebUrl);
        return problem ?? (audios > 0 && videos == 0 && spec.ImageCount == 0 ? "audio_urls needs at least one image or video reference" : null);
    }

    private static string? Urls(JsonObject body, string field, int max, out int count) => Urls(body, field, max, out count, IsImageReference);

    private static string? Urls(JsonObject body, string field, int max, out int count, Func<string, bool> isValid)
    {
        count = 0;
        if (body[field] is not { } node)
        {
            return null;
        }

        if (node is not JsonArray items)
        {
            return $"Expected array, received {KindOf(node)} at \"{field}\"";
        }

        count = items.Count;
        if (count < 1 || count > max)
        {
            return $"Array must contain {(count < 1 ? "at least 1" : $"at most {max}")} element(s) at \"{field}\"";
        }

        for (var index = 0; index < items.Count; index++)
        {
            if (!(items[index] is JsonValue item && item.TryGetValue<string>(out var url) && isValid(url)))
            {
                return $"Invalid url at \"{field}[{index}]\"";
            }
        }

        return null;
    }

    private static bool IsWebUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static bool IsImageReference(string value) =>
        IsWebUrl(value)
        || (value.StartsWith("data:image/", StringComparison.Ordinal) && value.IndexOf(";base64,", StringComparison.Ordinal) > 0);

    private static string Required(string field) => $"Required at \"{field}\"";

    private static string InvalidEnum(string field, IEnumerable<string> expected, string received) =>
        $"Invalid enum value. Expected {string.Join(" | ", expected)}, received {received} at \"{field}\"";

    private static string KindOf(JsonNode node) => node switch
    {
        JsonArray => "array",
        JsonObject => "object",
        _ => node.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.Number => "number",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            _ => "null",
        },
    };

    private JsonObject Generation(EmulatedTask task) => new()
    {
        ["id"] = task.Id,
        ["status"] = StatusWord(task),
        ["video"] = task.State == EmulatedTaskState.Succeeded ? new JsonObject { ["url"] = _services.VideoUrl(task).AbsoluteUri } : null,
        ["error"] = task.IsFinal && task.State != EmulatedTaskState.Succeeded
            ? new JsonObject { ["name"] = task.RefusedByPolicy ? "OutputVideoSensitiveContentDetected" : "GenerationError", ["message"] = task.Error }
            : null,
    };

    private static string StatusWord(EmulatedTask task) => task.State switch
    {
        EmulatedTaskState.Queued => "queued",
        EmulatedTaskState.Running => "generating",
        EmulatedTaskState.Succeeded => "completed",
        _ => "error",
    };

    /// <summary>
    /// What a generation is charged. The docs' one priced example (2.0 Fast, 8 s, 1280x720) reports usd_spent
    /// 2.515968 and credits_used 5031936: $0.0112 per 1,000 video tokens (width x height x 24 fps x seconds /
    /// 1024) times 1.3, at 2,000,000 credits a dollar. The emulator charges every model that way.
    /// </summary>
    private static JsonObject Usage(EmulatedTaskSpec spec)
    {
        var (width, height) = VideoDimensions.For(spec.Resolution, spec.AspectRatio);
        var tokens = (decimal)width * height * 24 * spec.DurationSeconds / 1024;
        var usd = decimal.Round(tokens * 0.0112m / 1000 * 1.3m, 6);
        return new JsonObject { ["credits_used"] = (long)(usd * 2_000_000), ["usd_spent"] = usd };
    }

    /// <summary>ByteDance-routed generations carry Ark's task ids ("cgt-20250704191750-n4qjp"); the others nanoid-like ones.</summary>
    private static string NewId(string route)
    {
        using var random = RandomNumberGenerator.Create();
        var bytes = new byte[21];
        random.GetBytes(bytes);
        return route == "bytedance"
            ? $"cgt-{DateTimeOffset.UtcNow:yyyyMMddHHmmss}-{new string(bytes.Take(5).Select(b => NanoidAlphabet[26 + b % 36]).ToArray())}"
            : new string(bytes.Select(b => NanoidAlphabet[b % NanoidAlphabet.Length]).ToArray());
    }

    private static JsonObject ErrorBody(int status, string message, string path) => new()
    {
        ["message"] = message,
        ["path"] = path,
        ["requestId"] = Guid.NewGuid().ToString(),
        ["statusCode"] = status,
        ["timestamp"] = TwinReplies.Timestamp(DateTimeOffset.UtcNow),
    };

    private static Task Error(EmulatorContext context, int status, string message) =>
        context.RespondJsonAsync(status, ErrorBody(status, message, context.Path));

    /// <summary>What one model's request schema takes beyond model, prompt, seed and provider.</summary>
    private sealed class ModelSchema
    {
        public ModelSchema(string model, int[] durations, int defaultDuration, string[] resolutions, string defaultResolution)
        {
            Model = model;
            Durations = durations;
            DefaultDuration = defaultDuration;
            Resolutions = resolutions;
            DefaultResolution = defaultResolution;
        }

        public string Model { get; }

        public int[] Durations { get; }

        public int DefaultDuration { get; }

        public string[] Resolutions { get; }

        public string DefaultResolution { get; }

        /// <summary>Empty when the schema has no aspect_ratio field.</summary>
        public string[] AspectRatios { get; init; } = Array.Empty<string>();

        /// <summary>Whether the schema has image_url.</summary>
        public bool FirstImage { get; init; } = true;

        public bool ImageRequired { get; init; }

        public bool LastImage { get; init; }

        /// <summary>The most image_urls entries; 0 when the schema has no image_urls.</summary>
        public int MaxReferenceImages { get; init; }

        /// <summary>Whether the schema has video_urls and audio_urls.</summary>
        public bool ReferenceMedia { get; init; }

        /// <summary>Whether the model makes sound (and takes generate_audio, default true).</summary>
        public bool GeneratesAudio { get; init; }

        /// <summary>"camera_fixed" or "camerafixed", as the schema spells it; null when it has neither.</summary>
        public string? CameraField { get; init; }

        public bool Watermark { get; init; }
    }
}
