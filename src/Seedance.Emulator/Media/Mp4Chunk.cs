namespace Seedance.Emulator.Media;

/// <summary>A run of consecutive samples of one track stored back to back in 'mdat'.</summary>
internal readonly struct Mp4Chunk
{
    public Mp4Chunk(bool isAudio, int firstSample, int sampleCount)
    {
        IsAudio = isAudio;
        FirstSample = firstSample;
        SampleCount = sampleCount;
    }

    public bool IsAudio { get; }

    /// <summary>Zero-based index of the chunk's first sample within its track.</summary>
    public int FirstSample { get; }

    public int SampleCount { get; }
}
