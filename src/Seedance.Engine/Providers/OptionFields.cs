using System.Text.Json.Nodes;
using Seedance.Requests;

namespace Seedance.Providers;

/// <summary>
/// The body fields a provider names the optional settings by, ByteDance's own names unless it says otherwise. Each
/// is sent only when the user chose a value, so the provider's own default applies otherwise; a setting whose name
/// is null is one the provider does not take in the body (validation refuses what the model does not offer, and a
/// webhook some providers take in the query).
/// </summary>
internal sealed record OptionFields
{
    public string? Resolution { get; init; } = "resolution";

    public string? AspectRatio { get; init; } = "aspect_ratio";

    public string? GenerateAudio { get; init; } = "generate_audio";

    public string? Seed { get; init; } = "seed";

    public string? CameraFixed { get; init; } = "camera_fixed";

    public string? Watermark { get; init; } = "watermark";

    public string? WebhookUrl { get; init; }

    /// <summary>Only Ark has it; other providers' models refuse -ReturnLastFrame before a request is built.</summary>
    public string? ReturnLastFrame { get; init; } = "return_last_frame";

    public void AddTo(JsonObject body, PreparedRequest request)
    {
        var source = request.Source;
        AddIfNamed(body, Resolution, request.Resolution);
        AddIfNamed(body, AspectRatio, request.AspectRatio);
        AddIfNamed(body, GenerateAudio, source.GenerateAudio);
        AddIfNamed(body, Seed, source.Seed);
        AddIfNamed(body, CameraFixed, source.CameraFixed);
        AddIfNamed(body, Watermark, source.Watermark);
        AddIfNamed(body, WebhookUrl, source.WebhookUrl?.AbsoluteUri);
        AddIfNamed(body, ReturnLastFrame, source.ReturnLastFrame == true ? true : null);
    }

    private static void AddIfNamed(JsonObject body, string? field, JsonNode? value)
    {
        if (field is not null)
        {
            WireJson.AddIfSet(body, field, value);
        }
    }
}
