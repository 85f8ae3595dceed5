namespace Seedance.Media;

/// <summary>What <see cref="Mp4Inspector"/> found in a file, and everything wrong with it.</summary>
public sealed class Mp4Info
{
    internal Mp4Info(long fileLength, double durationSeconds, IReadOnlyList<Mp4Track> tracks, IReadOnlyList<string> problems)
    {
        FileLength = fileLength;
        DurationSeconds = durationSeconds;
        Tracks = tracks;
        Problems = problems;
    }

    /// <summary>True when the structure check found no problem.</summary>
    public bool IsValid => Problems.Count == 0;

    /// <summary>Human-readable, specific descriptions of what is wrong, e.g. where a truncated file ends.</summary>
    public IReadOnlyList<string> Problems { get; }

    public long FileLength { get; }

    /// <summary>The presentation's duration from 'mvhd'; 0 when unknown.</summary>
    public double DurationSeconds { get; }

    public IReadOnlyList<Mp4Track> Tracks { get; }
}
