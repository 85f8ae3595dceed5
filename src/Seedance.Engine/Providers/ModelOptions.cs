namespace Seedance.Providers;

/// <summary>The optional knobs a model accepts; anything not listed is refused before a request is sent.</summary>
[Flags]
public enum ModelOptions
{
    None = 0,
    LastImage = 1 << 0,
    GenerateAudio = 1 << 1,
    Seed = 1 << 2,
    CameraFixed = 1 << 3,
    Watermark = 1 << 4,
    Webhook = 1 << 5,
    /// <summary><c>-Duration -1</c>: the model chooses the length (Ark's <c>duration: -1</c>, fal's <c>"auto"</c>).</summary>
    AutoDuration = 1 << 6,
    /// <summary><c>-ReturnLastFrame</c>: the provider returns the video's last frame as an image (Ark's <c>return_last_frame</c>).</summary>
    ReturnLastFrame = 1 << 7,
}
