namespace Seedance.Media;

/// <summary>What a reference clip's own bytes say it is: its format, length and (for video) picture size and rate.</summary>
public sealed record ClipStructure(string Format, string MediaType, double DurationSeconds, int Width = 0, int Height = 0, double FramesPerSecond = 0)
{
    public bool IsVideo => MediaType.StartsWith("video/", StringComparison.Ordinal);
}
