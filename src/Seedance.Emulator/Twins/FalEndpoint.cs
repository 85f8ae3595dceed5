using System.Globalization;
using System.Text.Json.Nodes;
using Seedance.Emulator.Tasks;

namespace Seedance.Emulator.Twins;

/// <summary>
/// The input schema of fal's Seedance endpoints, as each app checks a request when it runs it: which image
/// fields it reads, and the allowed (string) values of duration, resolution and aspect ratio.
/// </summary>
internal sealed class FalEndpoint
{
    public const string ImageLoadError = "image_load_error";
    public const string ImageTooLarge = "image_too_large";
    public const string FileDownloadError = "file_download_error";

    private const int MaxReferenceImages = 9;

    /// <summary>The reference-to-video pages: at most 3 videos, 3 audio clips, and 12 files in all.</summary>
    private const int MaxReferenceClips = 3;
    private const int MaxReferenceFiles = 12;

    private readonly ImageInputs _images;
    private readonly string[] _durations;
    private readonly string[] _resolutions;
    private readonly string _defaultResolution;
    private readonly string[] _aspectRatios;

    private FalEndpoint(ImageInputs images, string[] durations, string[] resolutions, string defaultResolution, string[] aspectRatios)
    {
        _images = images;
        _durations = durations;
        _resolutions = resolutions;
        _defaultResolution = defaultResolution;
        _aspectRatios = aspectRatios;
    }

    /// <summary>The field the endpoint's images arrive in, where a refusal of them is located.</summary>
    public string ImageField => _images == ImageInputs.References ? "image_urls" : "image_url";

    private enum ImageInputs
    {
        None,
        FirstAndLastFrame,
        References,
    }

    /// <summary>Every Seedance endpoint fal lists, by endpoint id.</summary>
    public static Dictionary<string, FalEndpoint> All()
    {
        var ratios = new[] { "auto", "21:9", "16:9", "4:3", "1:1", "3:4", "9:16" };
        var fixedRatios = ratios.Skip(1).ToArray();
        var seedanceTwo = new[] { "auto" }.Concat(Seconds(4, 15)).ToArray();
        var seedanceOne = new[] { "480p", "720p", "1080p" };
        var endpoints = new Dictionary<string, FalEndpoint>(StringComparer.Ordinal);
        foreach (var (tier, resolutions) in new[] { ("fast/", new[] { "480p", "720p" }), ("mini/", new[] { "480p", "720p" }), (string.Empty, new[] { "480p", "720p", "1080p", "4k" }) })
        {
            endpoints[$"bytedance/seedance-2.0/{tier}image-to-video"] = new(ImageInputs.FirstAndLastFrame, seedanceTwo, resolutions, "720p", ratios);
            endpoints[$"bytedance/seedance-2.0/{tier}text-to-video"] = new(ImageInputs.None, seedanceTwo, resolutions, "720p", ratios);
            endpoints[$"bytedance/seedance-2.0/{tier}reference-to-video"] = new(ImageInputs.References, seedanceTwo, resolutions, "720p", ratios);
        }

        endpoints["fal-ai/bytedance/seedance/v1.5/pro/image-to-video"] = new(ImageInputs.FirstAndLastFrame, Seconds(4, 12), seedanceOne, "720p", ratios);
        endpoints["fal-ai/bytedance/seedance/v1.5/pro/text-to-video"] = new(ImageInputs.None, Seconds(4, 12), seedanceOne, "720p", ratios);
        foreach (var tier in new[] { "pro/", "pro/fast/" })
        {
            // v1 Pro's end_image_url is accepted for compatibility and ignored: the endpoint now runs 1.0 Pro Fast.
            endpoints[$"fal-ai/bytedance/seedance/v1/{tier}image-to-video"] = new(ImageInputs.FirstAndLastFrame, Seconds(2, 12), seedanceOne, "1080p", ratios);
            endpoints[$"fal-ai/bytedance/seedance/v1/{tier}text-to-video"] = new(ImageInputs.None, Seconds(2, 12), seedanceOne, "1080p", fixedRatios);
        }

        return endpoints;
    }

    /// <summary>
    /// Reads a request into <paramref name="spec"/> and returns the <c>detail</c> errors the app would answer
    /// with (empty when the input is fine). <paramref name="imageProblem"/> names what is wrong with an image
    /// value (an fal error type), or returns null.
    /// </summary>
    public JsonArray Read(JsonObject body, EmulatedTaskSpec spec, Func<string, string?> imageProblem)
    {
        var errors = new List<(string Field, string Message, string Type)>();
        var prompt = JsonFields.Text(body, "prompt");
        if (prompt is null)
        {
            errors.Add(body["prompt"] is null ? ("prompt", "Field required", "missing") : ("prompt", "Input should be a valid string", "string_type"));
        }

        spec.Prompt = prompt ?? string.Empty;
        switch (_images)
        {
            case ImageInputs.FirstAndLastFrame:
                CheckImage(body, "image_url", required: true, imageProblem, errors);
                CheckImage(body, "end_image_url", required: false, imageProblem, errors);
                spec.ImageCount = body["end_image_url"] is null ? 1 : 2;
                spec.AddImages(body["image_url"]);
                break;
            case ImageInputs.References:
                spec.ImageCount = CheckReferences(body, imageProblem, errors);
                spec.AddImages(body["image_urls"]);
                CheckReferenceClips(body, spec.ImageCount, imageProblem, errors);
                break;
        }

        var duration = Choice(body, "duration", _durations, _durations[0] == "auto" ? "auto" : "5", errors);
        spec.DurationSeconds = duration == "auto" ? 5 : int.Parse(duration, CultureInfo.InvariantCulture);
        spec.Resolution = Choice(body, "resolution", _resolutions, _defaultResolution, errors);
        var aspectRatio = Choice(body, "aspect_ratio", _aspectRatios, _aspectRatios[0], errors);
        spec.AspectRatio = aspectRatio == "auto" ? null : aspectRatio;
        spec.Audio = JsonFields.Boolean(body, "generate_audio") ?? true;
        return FalTwin.Errors(errors.ToArray());
    }

    private static void CheckImage(JsonObject body, string field, bool required, Func<string, string?> imageProblem, List<(string, string, string)> errors)
    {
        if (body[field] is null)
        {
            if (required)
            {
                errors.Add((field, "Field required", "missing"));
            }

            return;
        }

        var value = JsonFields.Text(body, field);
        if (value is null)
        {
            errors.Add((field, "Input should be a valid string", "string_type"));
        }
        else if (imageProblem(value) is { } problem)
        {
            errors.Add((field, MessageFor(problem), problem));
        }
    }

    private static int CheckReferences(JsonObject body, Func<string, string?> imageProblem, List<(string, string, string)> errors)
    {
        if (body["image_urls"] is null)
        {
            return 0;
        }

        if (JsonFields.Array(body, "image_urls") is not { } images)
        {
            errors.Add(("image_urls", "Input should be a valid list", "list_type"));
            return 0;
        }

        if (images.Count > MaxReferenceImages)
        {
            errors.Add(("image_urls", $"List should have at most {MaxReferenceImages} items after validation, not {images.Count}", "too_long"));
        }

        foreach (var image in images)
        {
            var problem = image is JsonValue value && value.TryGetValue<string>(out var url) ? imageProblem(url) : "string_type";
            if (problem is not null)
            {
                errors.Add(("image_urls", MessageFor(problem), problem));
            }
        }

        return images.Count;
    }

    /// <summary>video_urls and audio_urls: lists of fetchable URLs within the counts, audio only beside an image or video.</summary>
    private static void CheckReferenceClips(JsonObject body, int images, Func<string, string?> fileProblem, List<(string, string, string)> errors)
    {
        var videos = CheckClips(body, "video_urls", fileProblem, errors);
        var audios = CheckClips(body, "audio_urls", fileProblem, errors);
        if (audios > 0 && videos == 0 && images == 0)
        {
            errors.Add(("audio_urls", "Reference audio needs at least one image or video reference.", "value_error"));
        }

        if (images + videos + audios > MaxReferenceFiles)
        {
            errors.Add(("image_urls", $"At most {MaxReferenceFiles} reference files are allowed in total, not {images + videos + audios}.", "value_error"));
        }
    }

    private static int CheckClips(JsonObject body, string field, Func<string, string?> fileProblem, List<(string, string, string)> errors)
    {
        if (body[field] is null)
        {
            return 0;
        }

        if (JsonFields.Array(body, field) is not { } clips)
        {
            errors.Add((field, "Input should be a valid list", "list_type"));
            return 0;
        }

        if (clips.Count > MaxReferenceClips)
        {
            errors.Add((field, $"List should have at most {MaxReferenceClips} items after validation, not {clips.Count}", "too_long"));
        }

        foreach (var clip in clips)
        {
            var problem = clip is JsonValue value && value.TryGetValue<string>(out var url) ? FileProblem(url, fileProblem) : "string_type";
            if (problem is not null)
            {
                errors.Add((field, MessageFor(problem), problem));
            }
        }

        return clips.Count;
    }

    /// <summary>A clip is fetched, not decoded as an image: only whether it can be downloaded counts.</summary>
    private static string? FileProblem(string url, Func<string, string?> fileProblem) =>
        url.StartsWith("data:", StringComparison.Ordinal) ? null : fileProblem(url) == FileDownloadError ? FileDownloadError : null;

    /// <summary>A literal field: absent means the default; anything else must be one of the strings (fal takes "5", not 5).</summary>
    private static string Choice(JsonObject body, string field, string[] allowed, string defaultValue, List<(string, string, string)> errors)
    {
        if (body[field] is null)
        {
            return defaultValue;
        }

        var value = JsonFields.Text(body, field);
        if (value is not null && allowed.Contains(value, StringComparer.Ordinal))
        {
            return value;
        }

        var quoted = allowed.Select(option => $"'{option}'").ToList();
        errors.Add((field, $"Input should be {string.Join(", ", quoted.Take(quoted.Count - 1))} or {quoted[quoted.Count - 1]}", "literal_error"));
        return defaultValue;
    }

    private static string MessageFor(string problem) => problem switch
    {
        ImageLoadError => "Could not load the image. Give a JPEG, PNG or WebP image, as a URL or a data:image/...;base64 URI.",
        ImageTooLarge => "The image is larger than 30 MB.",
        FileDownloadError => "Failed to download the file. Please check if the URL is accessible.",
        _ => "Input should be a valid string",
    };

    private static string[] Seconds(int from, int to) =>
        Enumerable.Range(from, to - from + 1).Select(second => second.ToString(CultureInfo.InvariantCulture)).ToArray();
}
