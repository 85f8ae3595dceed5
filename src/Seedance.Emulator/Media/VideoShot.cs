using Seedance.Emulator.Media.Motion;

namespace Seedance.Emulator.Media;

/// <summary>One shot of a synthetic video: what its first frame shows, and how the camera moves after it.</summary>
public sealed class VideoShot
{
    /// <summary>A PNG or JPEG file, shown scaled to fit. Null, or a file that cannot be decoded, gets a card instead.</summary>
    public byte[]? Image { get; set; }

    /// <summary>The words a card shows when there is no image; null shows the video's seeded pattern alone.</summary>
    public string? Caption { get; set; }

    public CameraMove Camera { get; set; }
}
