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

    /// <summary>Chooses the picture (angle, width and colours of its pattern), so different tasks give different videos.</summary>
    public int Seed { get; set; }

    /// <summary>
    /// 0 for a single key frame at the start; otherwise a key frame every this many seconds (rounded to whole frames),
    /// each showing the pattern moved on, so the picture visibly changes.
    /// </summary>
    public double KeyframeIntervalSeconds { get; set; }

    /// <summary>Adds a silent mono 48 kHz AAC-LC track of the same duration, as a real output with audio has.</summary>
    public bool IncludeAudio { get; set; }

    /// <summary>
    /// When larger than the natural length, the file is padded to exactly this many bytes: with a trailing 'free' box,
    /// or, when the shortfall is under the 8 bytes a box needs, with unreferenced bytes at the end of 'mdat'.
    /// </summary>
    public long? PadToBytes { get; set; }
}
