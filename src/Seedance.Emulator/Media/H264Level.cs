namespace Seedance.Emulator.Media;

/// <summary>
/// Picks the lowest H.264 level (Table A-1) whose frame-size and macroblock-rate limits admit the stream, so
/// decoders size their buffers sensibly. Bit-rate limits are deliberately ignored: uncompressed I_PCM pictures
/// exceed every level's bit rate, and decoders do not enforce it.
/// </summary>
internal static class H264Level
{
    // (level_idc, MaxFS in macroblocks, MaxMBPS in macroblocks per second)
    private static readonly (int LevelIdc, int MaxFrameSize, long MaxMacroblocksPerSecond)[] Levels =
    {
        (10, 99, 1_485),
        (11, 396, 3_000),
        (12, 396, 6_000),
        (13, 396, 11_880),
        (20, 396, 11_880),
        (21, 792, 19_800),
        (22, 1_620, 20_250),
        (30, 1_620, 40_500),
        (31, 3_600, 108_000),
        (32, 5_120, 216_000),
        (40, 8_192, 245_760),
        (42, 8_704, 522_240),
        (50, 22_080, 589_824),
        (51, 36_864, 983_040),
        (52, 36_864, 2_073_600),
        (60, 139_264, 4_177_920),
        (61, 139_264, 8_355_840),
        (62, 139_264, 16_711_680),
    };

    public static int Choose(H264Geometry geometry, int framesPerSecond)
    {
        long macroblocksPerSecond = (long)geometry.MacroblockCount * framesPerSecond;
        foreach (var level in Levels)
        {
            // A.3.1: neither side may exceed sqrt(8 * MaxFS) macroblocks.
            long sideLimit = (long)Math.Sqrt(8.0 * level.MaxFrameSize);
            if (geometry.MacroblockCount <= level.MaxFrameSize
                && macroblocksPerSecond <= level.MaxMacroblocksPerSecond
                && geometry.WidthInMacroblocks <= sideLimit
                && geometry.HeightInMacroblocks <= sideLimit)
            {
                return level.LevelIdc;
            }
        }

        throw new ArgumentOutOfRangeException(
            nameof(geometry),
            $"{geometry.Width}x{geometry.Height} at {framesPerSecond} fps exceeds every H.264 level.");
    }
}
