namespace Seedance.Media;

/// <summary>One 'trak' of an MP4 file, as far as <see cref="Mp4Inspector"/> reads it.</summary>
public sealed class Mp4Track
{
    internal Mp4Track(int trackId, string handlerType, string codecFourCc, int width, int height, long sampleCount, double durationSeconds)
    {
        TrackId = trackId;
        HandlerType = handlerType;
        CodecFourCc = codecFourCc;
        Width = width;
        Height = height;
        SampleCount = sampleCount;
        DurationSeconds = durationSeconds;
    }

    public int TrackId { get; }

    /// <summary>The media kind from 'hdlr': "vide", "soun", ...</summary>
    public string HandlerType { get; }

    /// <summary>The first sample entry's type: "avc1", "hvc1", "mp4a", ...</summary>
    public string CodecFourCc { get; }

    /// <summary>Picture width in pixels; 0 for tracks without pictures.</summary>
    public int Width { get; }

    /// <summary>Picture height in pixels; 0 for tracks without pictures.</summary>
    public int Height { get; }

    public long SampleCount { get; }

    /// <summary>The media duration from 'mdhd'.</summary>
    public double DurationSeconds { get; }

    public bool IsVideo => HandlerType == "vide";

    /// <summary>Samples per second for video tracks (one sample is one frame); 0 for other tracks or without a duration.</summary>
    public double FramesPerSecond => IsVideo && DurationSeconds > 0 ? SampleCount / DurationSeconds : 0;
}
