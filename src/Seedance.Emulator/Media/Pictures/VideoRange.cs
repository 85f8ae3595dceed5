namespace Seedance.Emulator.Media.Pictures;

/// <summary>
/// BT.601 conversion between full-range RGB and video-range YCbCr, the colour space H.264 streams without colour
/// information are shown in. Results are clamped to the video range, which the I_PCM writer relies on.
/// </summary>
internal static class VideoRange
{
    public static byte Luma(double red, double green, double blue) =>
        Clamp(16 + (0.257 * red) + (0.504 * green) + (0.098 * blue), 16, 235);

    public static byte Blue(double red, double green, double blue) =>
        Clamp(128 - (0.148 * red) - (0.291 * green) + (0.439 * blue), 16, 240);

    public static byte Red(double red, double green, double blue) =>
        Clamp(128 + (0.439 * red) - (0.368 * green) - (0.071 * blue), 16, 240);

    public static void ToRgb(byte luma, byte blue, byte red, byte[] target, int offset)
    {
        var y = 1.164 * (luma - 16);
        target[offset] = Clamp(y + (1.596 * (red - 128)), 0, 255);
        target[offset + 1] = Clamp(y - (0.392 * (blue - 128)) - (0.813 * (red - 128)), 0, 255);
        target[offset + 2] = Clamp(y + (2.017 * (blue - 128)), 0, 255);
    }

    private static byte Clamp(double value, int low, int high) => (byte)Math.Max(low, Math.Min(high, Math.Round(value)));
}
