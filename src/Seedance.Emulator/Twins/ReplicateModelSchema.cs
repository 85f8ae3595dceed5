using System.Text.Json;
using System.Text.Json.Nodes;
using Seedance.Emulator.Tasks;

namespace Seedance.Emulator.Twins;

/// <summary>One field Replicate's input validation refused, as listed in a 422's <c>invalid_fields</c>.</summary>
internal sealed record InvalidField(string Type, string Field, string Description);

/// <summary>
/// The input schema of one Seedance model on Replicate (the version pages' API tab), checked the way Replicate
/// checks inputs: types, enums, ranges and array sizes each give an invalid field; unknown inputs are ignored.
/// </summary>
internal sealed class ReplicateModelSchema
{
    private static readonly string[] Seedance2Ratios = { "16:9", "4:3", "1:1", "3:4", "9:16", "21:9", "adaptive" };
    private static readonly string[] Seedance1Ratios = { "16:9", "4:3", "1:1", "3:4", "9:16", "21:9", "9:21" };

    public static readonly IReadOnlyList<ReplicateModelSchema> All = new[]
    {
        // The 2.0 resolution enums are not published; 2.0 Fast renders 480p/720p, 2.0 also 1080p.
        new ReplicateModelSchema("bytedance/seedance-2.0-fast", "90388a62748fab7edda739f1df78e8cbc66cc9275cfe232888ce53dea3d5e7b5", -1, 15, new[] { "480p", "720p" }, "720p", Seedance2Ratios, maxReferenceImages: 9, seedance2: true),
        new ReplicateModelSchema("bytedance/seedance-2.0", "d456b64a60da3903c3692f7128d491004d021bbc2e1e19c63bccb117d3f4ab7b", -1, 15, new[] { "480p", "720p", "1080p" }, "720p", Seedance2Ratios, maxReferenceImages: 9, seedance2: true),
        new ReplicateModelSchema("bytedance/seedance-1-pro", "a5fd550893da3b6f67997812759065652454ddaca10e96b83b59cbae1814cb36", 2, 12, new[] { "480p", "720p", "1080p" }, "1080p", Seedance1Ratios, maxReferenceImages: 0, seedance2: false),
        new ReplicateModelSchema("bytedance/seedance-1-lite", "f22bbc7d965c70af30ba3b157e3bb05d232136555885e934b92878ad773f48c1", 2, 12, new[] { "480p", "720p", "1080p" }, "720p", Seedance1Ratios, maxReferenceImages: 4, seedance2: false),
    };

    /// <summary>The most reference_videos and reference_audios items each (2.0's schema: up to 3, 15 s in all).</summary>
    private const int MaxReferenceMedia = 3;

    private readonly int _minDuration;
    private readonly int _maxDuration;
    private readonly string[] _resolutions;
    private readonly string _defaultResolution;
    private readonly string[] _aspectRatios;
    private readonly int _maxReferenceImages;
    private readonly bool _seedance2;

    private ReplicateModelSchema(string model, string version, int minDuration, int maxDuration, string[] resolutions, string defaultResolution, string[] aspectRatios, int maxReferenceImages, bool seedance2)
    {
        Model = model;
        Version = version;
        _minDuration = minDuration;
        _maxDuration = maxDuration;
        _resolutions = resolutions;
        _defaultResolution = defaultResolution;
        _aspectRatios = aspectRatios;
        _maxReferenceImages = maxReferenceImages;
        _seedance2 = seedance2;
    }

    /// <summary>"owner/name".</summary>
    public string Model { get; }

    /// <summary>The 64-hex version id of the published version.</summary>
    public string Version { get; }

    public static ReplicateModelSchema? Find(string model) => All.FirstOrDefault(schema => schema.Model == model);

    /// <summary>The model of a version given as "{id}" or "{owner}/{name}:{id}".</summary>
    public static ReplicateModelSchema? FindVersion(string? version)
    {
        var id = version?.Substring(version.LastIndexOf(':') + 1);
        return All.FirstOrDefault(schema => schema.Version == id);
    }

    public List<InvalidField> Validate(JsonObject input)
    {
        var problems = new List<InvalidField>();
        if (input["prompt"] is null)
        {
            problems.Add(new InvalidField("required", "input", "prompt is required"));
        }

        Expect(input, "prompt", JsonValueKind.String, "string", problems);
        Expect(input, "image", JsonValueKind.String, "string", problems);
        Expect(input, "last_frame_image", JsonValueKind.String, "string", problems);
        Integer(input, "duration", _minDuration, _maxDuration, problems);
        Integer(input, "seed", null, null, problems);
        OneOf(input, "resolution", _resolutions, problems);
        OneOf(input, "aspect_ratio", _aspectRatios, problems);
        MaxItems(input, "reference_images", _maxReferenceImages, problems);
        if (_seedance2)
        {
            MaxItems(input, "reference_videos", MaxReferenceMedia, problems);
            MaxItems(input, "reference_audios", MaxReferenceMedia, problems);
        }

        Expect(input, _seedance2 ? "generate_audio" : "camera_fixed", JsonValueKind.True, "boolean", problems);
        if (!_seedance2)
        {
            Integer(input, "fps", 24, 24, problems);
        }

        return problems;
    }

    /// <summary>
    /// The combinations the schema cannot express but the model refuses ("cannot be combined with reference
    /// images"); null when there is none. Replicate's exact answer is not published: the twin answers 422.
    /// </summary>
    public string? Conflict(JsonObject input)
    {
        var references = ReferenceCount(input) > 0;
        if (references && (input["image"] is not null || input["last_frame_image"] is not null))
        {
            return "reference_images cannot be combined with image or last_frame_image";
        }

        if (input["last_frame_image"] is not null && input["image"] is null)
        {
            return "last_frame_image only works when image (the first frame) is given too";
        }

        // 2.0's schema: reference audio needs an image or a video too.
        if (_seedance2 && JsonFields.Array(input, "reference_audios") is { Count: > 0 } && JsonFields.Array(input, "reference_videos") is not { Count: > 0 } && !references && input["image"] is null)
        {
            return "reference_audios needs an image or a reference video too";
        }

        return references && !_seedance2 && ResolutionOf(input) == "1080p" ? "reference_images cannot be used with 1080p" : null;
    }

    /// <summary>What the simulated back end renders: -1 ("intelligent duration") comes out as 5 s.</summary>
    public EmulatedTaskSpec ToSpec(JsonObject input)
    {
        var ratio = JsonFields.Text(input, "aspect_ratio");
        var duration = JsonFields.Integer(input, "duration") ?? 5;
        var spec = new EmulatedTaskSpec
        {
            Provider = "Replicate",
            Model = Model,
            Prompt = JsonFields.Text(input, "prompt") ?? string.Empty,
            ImageCount = (input["image"] is null ? 0 : 1) + (input["last_frame_image"] is null ? 0 : 1) + ReferenceCount(input),
            DurationSeconds = duration > 0 ? duration : 5,
            Resolution = ResolutionOf(input),
            AspectRatio = ratio == "adaptive" ? null : ratio,
            Audio = _seedance2 && (JsonFields.Boolean(input, "generate_audio") ?? true),
            CameraFixed = !_seedance2 && (JsonFields.Boolean(input, "camera_fixed") ?? false),
        };
        spec.AddImages(input["image"]);
        spec.AddImages(_maxReferenceImages > 0 ? input["reference_images"] : null);
        return spec;
    }

    /// <summary>An array input of at most <paramref name="max"/> items, where the model has it (<paramref name="max"/> above 0).</summary>
    private static void MaxItems(JsonObject input, string field, int max, List<InvalidField> problems)
    {
        if (max > 0 && Expect(input, field, JsonValueKind.Array, "array", problems) && input[field] is JsonArray items && items.Count > max)
        {
            problems.Add(new InvalidField("array_max_items", "input." + field, $"Array must have at most {max} items"));
        }
    }

    /// <summary>Reference images, where the model has that input (elsewhere the field is ignored).</summary>
    private int ReferenceCount(JsonObject input) => _maxReferenceImages > 0 ? JsonFields.Array(input, "reference_images")?.Count ?? 0 : 0;

    private string ResolutionOf(JsonObject input) => JsonFields.Text(input, "resolution") ?? _defaultResolution;

    /// <summary>False (and a problem noted) when the field is there with another JSON type.</summary>
    private static bool Expect(JsonObject input, string name, JsonValueKind kind, string typeName, List<InvalidField> problems)
    {
        if (input[name] is not { } node)
        {
            return false;
        }

        var actual = node.GetValueKind();
        if (actual == kind || (kind == JsonValueKind.True && actual == JsonValueKind.False))
        {
            return true;
        }

        problems.Add(new InvalidField("invalid_type", "input." + name, $"Invalid type. Expected: {typeName}, given: {TypeName(actual)}"));
        return false;
    }

    private static void Integer(JsonObject input, string name, int? min, int? max, List<InvalidField> problems)
    {
        if (!Expect(input, name, JsonValueKind.Number, "integer", problems))
        {
            return;
        }

        if (!input[name]!.AsValue().TryGetValue<long>(out var value))
        {
            problems.Add(new InvalidField("invalid_type", "input." + name, "Invalid type. Expected: integer, given: number"));
        }
        else if (value < min)
        {
            problems.Add(new InvalidField("number_gte", "input." + name, $"Must be greater than or equal to {min}"));
        }
        else if (value > max)
        {
            problems.Add(new InvalidField("number_lte", "input." + name, $"Must be less than or equal to {max}"));
        }
    }

    private static void OneOf(JsonObject input, string name, string[] allowed, List<InvalidField> problems)
    {
        if (Expect(input, name, JsonValueKind.String, "string", problems) && !allowed.Contains(JsonFields.Text(input, name), StringComparer.Ordinal))
        {
            problems.Add(new InvalidField("enum", "input." + name, $"{name} must be one of the following: {string.Join(", ", allowed.Select(value => $"\"{value}\""))}"));
        }
    }

    private static string TypeName(JsonValueKind kind) => kind switch
    {
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
