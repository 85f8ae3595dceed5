using System;

namespace Seedance.Emulator.Files;

/// <summary>Pixel size of a video from its resolution name and aspect ratio (720p at 16:9 is 1280x720).</summary>
public static class VideoDimensions
{
    public static (int Width, int Height) For(string? resolution, string? aspectRatio)
    {
        var shortSide = (resolution ?? "720p").Trim().ToLowerInvariant() switch
        {
            "480p" => 480,
            "1080p" => 1080,
            "4k" => 2160,
            _ => 720,
        };

        var (across, down) = Ratio(aspectRatio);
        return across >= down
            ? (Even(shortSide * across / (double)down), shortSide)
            : (shortSide, Even(shortSide * down / (double)across));
    }

    private static (int Across, int Down) Ratio(string? aspectRatio)
    {
        var parts = (aspectRatio ?? string.Empty).Split(':');
        return parts.Length == 2 && int.TryParse(parts[0], out var across) && int.TryParse(parts[1], out var down) && across > 0 && down > 0
            ? (across, down)
            : (16, 9);
    }

    private static int Even(double value) => (int)Math.Round(value / 2, MidpointRounding.AwayFromZero) * 2;
}
