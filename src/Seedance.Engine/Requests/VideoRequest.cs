namespace Seedance;

/// <summary>
/// What the user asks for, independent of provider. Null means "not specified": the model's default applies
/// and nothing is sent for that field.
/// </summary>
public sealed class VideoRequest
{
    /// <summary>The text prompt. Camera moves ("slow orbital pan") are written here.</summary>
    public string? Prompt { get; set; }

    /// <summary>Shot descriptions (at most three) composed into one multi-shot prompt.</summary>
    public IList<string> Shots { get; } = new List<string>();

    /// <summary>First-frame or reference images, in order.</summary>
    public IList<ImageInput> Images { get; } = new List<ImageInput>();

    /// <summary>
    /// Whether the user said the images are reference images (-ReferenceImage), so that even one is a reference and
    /// not a first frame; otherwise the model's endpoint decides (one image a first frame, several references).
    /// </summary>
    public bool ImagesAreReferences { get; set; }

    /// <summary>The last frame, for first+last-frame generation.</summary>
    public ImageInput? LastImage { get; set; }

    /// <summary>Reference videos (MP4/MOV) the prompt can point at as @Video1, @Video2..., in order.</summary>
    public IList<MediaInput> ReferenceVideos { get; } = new List<MediaInput>();

    /// <summary>Reference audio (MP3/WAV) the prompt can point at as @Audio1, @Audio2..., in order.</summary>
    public IList<MediaInput> ReferenceAudios { get; } = new List<MediaInput>();

    /// <summary>True when any reference video or audio is given.</summary>
    public bool HasReferenceMedia => ReferenceVideos.Count + ReferenceAudios.Count > 0;

    /// <summary>The model id in the provider's own spelling; null picks the provider's Seedance 2.0 Fast model.</summary>
    public string? Model { get; set; }

    public int? DurationSeconds { get; set; }

    public string? Resolution { get; set; }

    public string? AspectRatio { get; set; }

    public bool? GenerateAudio { get; set; }

    public long? Seed { get; set; }

    public bool? CameraFixed { get; set; }

    public bool? Watermark { get; set; }

    /// <summary>Ask the provider for the video's last frame as an image too, to start the next clip of a chain from.</summary>
    public bool? ReturnLastFrame { get; set; }

    /// <summary>Where the provider should POST when the task finishes.</summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary>Raw fields sent as they are, for options this module does not model yet.</summary>
    public IDictionary<string, object?> ExtraFields { get; } = new Dictionary<string, object?>(StringComparer.Ordinal);
}
