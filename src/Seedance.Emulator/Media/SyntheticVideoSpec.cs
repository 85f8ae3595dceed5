namespace Seedance.Emulator.Media;

/// <summary>What <see cref="SyntheticVideo"/> should produce.</summary>
public sealed class SyntheticVideoSpec
{
    /// <summary>Picture width in pixels; must be even (4:2:0 chroma).</summary>
    public int Width { get; set; } = 1280;

    /// <summary>Picture height in pixels; must be even (4:2:0 chroma).</summary>
    public int Height { get; set; } = 720;

    public int FramesPerSecond { get; set; } = 24;

    /// <summary>Rounded to a whole number of frames.</summary>
    public double DurationSeconds { get; set; } = 5;

    /// <summary>Chooses the pattern behind a card or a video without shots (angle, width and colours), so tasks differ.</summary>
    public int Seed { get; set; }

    /// <summary>
    /// The shots in order, sharing the duration equally; each opens on a key frame of its picture. None makes one
    /// still shot of the seeded pattern.
    /// </summary>
    public IList<VideoShot> Shots { get; } = new List<VideoShot>();

    /// <summary>
    /// 0 for a key frame only where a shot opens; otherwise also one every this many seconds (rounded to whole
    /// frames) within a shot, showing the shot as far as it has moved, which makes larger files.
    /// </summary>
    public double KeyframeIntervalSeconds { get; set; }

    /// <summary>Adds a mono 48 kHz AAC-LC track of the same duration, a quiet steady tone, as a real output with audio has sound.</summary>
    public bool IncludeAudio { get; set; }

    /// <summary>
    /// The file is made exactly this many bytes: padded with a trailing 'free' box, or, when the shortfall is under the
    /// 8 bytes a box needs, with unreferenced bytes at the end of 'mdat'. Below the full video's length it is first
    /// made compact (a still grey mosaic of each shot's opening, a few KB at 720p); below even that it stays compact.
    /// </summary>
    public long? PadToBytes { get; set; }
}
