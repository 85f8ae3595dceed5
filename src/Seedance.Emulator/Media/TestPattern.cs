namespace Seedance.Emulator.Media;

/// <summary>
/// The picture of one key frame: diagonal luma bands over slow colour gradients. The seed chooses the bands'
/// angle, width and colours, so different tasks give visibly different videos; each later key frame slides the
/// pattern along, so a video with periodic key frames visibly changes at each of them.
/// </summary>
/// <remarks>
/// Every sample stays within the video range (16..235 luma, 16..240 chroma). Besides being what players expect,
/// that keeps every PCM byte above 3, so sample data can never form a start-code-like pattern and needs no
/// emulation prevention; <see cref="H264SliceWriter"/> relies on it to know the slice length without the pixels.
/// </remarks>
internal sealed class TestPattern
{
    private const int LumaPeriod = 512;
    private const int ChromaPeriod = 1024;

    private readonly int _lumaSlopeX;
    private readonly int _lumaSlopeY;
    private readonly int _lumaPhase;
    private readonly int _blueSlopeX;
    private readonly int _blueSlopeY;
    private readonly int _bluePhase;
    private readonly int _redSlopeX;
    private readonly int _redSlopeY;
    private readonly int _redPhase;

    public TestPattern(int seed, int keyframeIndex)
    {
        ulong state = (ulong)(uint)seed;
        _lumaSlopeX = NonZeroSlope(ref state, 3);
        _lumaSlopeY = NonZeroSlope(ref state, 3);
        _lumaPhase = (int)(Next(ref state) % LumaPeriod) + (keyframeIndex * LumaPeriod / 4);
        _blueSlopeX = NonZeroSlope(ref state, 2);
        _blueSlopeY = NonZeroSlope(ref state, 2);
        _bluePhase = (int)(Next(ref state) % ChromaPeriod) + (keyframeIndex * ChromaPeriod / 5);
        _redSlopeX = NonZeroSlope(ref state, 2);
        _redSlopeY = NonZeroSlope(ref state, 2);
        _redPhase = (int)(Next(ref state) % ChromaPeriod) + (keyframeIndex * ChromaPeriod / 3);
    }

    public byte Luma(int x, int y) =>
        (byte)(16 + (Triangle((x * _lumaSlopeX) + (y * _lumaSlopeY) + _lumaPhase, LumaPeriod) * 219 / (LumaPeriod / 2)));

    /// <summary>Cb at chroma sample (x, y), i.e. luma position (2x, 2y).</summary>
    public byte Blue(int x, int y) =>
        (byte)(16 + (Triangle((x * _blueSlopeX) + (y * _blueSlopeY) + _bluePhase, ChromaPeriod) * 224 / (ChromaPeriod / 2)));

    /// <summary>Cr at chroma sample (x, y), i.e. luma position (2x, 2y).</summary>
    public byte Red(int x, int y) =>
        (byte)(16 + (Triangle((x * _redSlopeX) + (y * _redSlopeY) + _redPhase, ChromaPeriod) * 224 / (ChromaPeriod / 2)));

    /// <summary>A wave rising from 0 to period/2 and falling back, over one period; the period is a power of two.</summary>
    private static int Triangle(int position, int period)
    {
        int phase = position & (period - 1);
        return phase < period / 2 ? phase : period - phase;
    }

    private static int NonZeroSlope(ref ulong state, int maximum)
    {
        int magnitude = 1 + (int)(Next(ref state) % (ulong)maximum);
        return (Next(ref state) & 1) == 0 ? magnitude : -magnitude;
    }

    /// <summary>SplitMix64: a fixed, framework-independent generator, so a seed means the same picture everywhere.</summary>
    private static ulong Next(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        ulong mixed = state;
        mixed = (mixed ^ (mixed >> 30)) * 0xBF58476D1CE4E5B9UL;
        mixed = (mixed ^ (mixed >> 27)) * 0x94D049BB133111EBUL;
        return mixed ^ (mixed >> 31);
    }
}
