namespace Seedance;

/// <summary>A storyboard made by New-SeedanceStoryboard: its clips, each started from the last frame of the one before, and the joined video.</summary>
public sealed record Storyboard
{
    public Storyboard(IReadOnlyList<VideoFile> clips, string? path)
    {
        Clips = clips;
        Path = path;
    }

    /// <summary>The joined MP4; null when the clips were not joined (no ffmpeg, or clips of different shapes).</summary>
    public string? Path { get; }

    /// <summary>The same path under the name file cmdlets bind to.</summary>
    public string? FullName => Path;

    /// <summary>The saved clips, in story order.</summary>
    public IReadOnlyList<VideoFile> Clips { get; }

    /// <summary>The length of the joined video (or of the clips together), read from the files.</summary>
    public double DurationSeconds { get; init; }

    /// <summary>What this module estimated the clips cost before the first was submitted, in US dollars; null when a price is unpublished.</summary>
    public decimal? EstimatedCost { get; init; }

    public override string ToString() => Path ?? string.Join(", ", Clips.Select(clip => clip.Path));
}
