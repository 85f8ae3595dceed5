using System.Text.Json.Nodes;

namespace Seedance.Emulator.Tasks;

/// <summary>What a twin understood from a submit, in provider-neutral terms.</summary>
public sealed class EmulatedTaskSpec
{
    public string Provider { get; set; } = string.Empty;

    public string Model { get; set; } = string.Empty;

    public string Prompt { get; set; } = string.Empty;

    public int ImageCount { get; set; }

    public int DurationSeconds { get; set; } = 5;

    public string Resolution { get; set; } = "720p";

    public string? AspectRatio { get; set; }

    public bool Audio { get; set; } = true;

    /// <summary>
    /// The first-frame and reference images as they were sent (URLs or data: URIs), in order, without a last frame:
    /// each opens a shot of the video.
    /// </summary>
    public IList<string> Images { get; } = new List<string>();

    /// <summary>The request's own camera lock (camera_fixed), which holds every shot still.</summary>
    public bool CameraFixed { get; set; }

    public string? WebhookUrl { get; set; }

    /// <summary>The raw submit body, for tests that check what arrived.</summary>
    public string RawBody { get; set; } = string.Empty;

    /// <summary>Adds the image in a request field that holds one (a string) or several (an array of strings).</summary>
    public void AddImages(JsonNode? field)
    {
        if (field is JsonValue value && value.TryGetValue(out string? single))
        {
            Images.Add(single);
        }
        else if (field is JsonArray array)
        {
            foreach (var item in array)
            {
                if (item is JsonValue element && element.TryGetValue(out string? text))
                {
                    Images.Add(text);
                }
            }
        }
    }
}
