using Seedance.Emulator.Media.Pictures;

namespace Seedance.Emulator.Media;

/// <summary>
/// Writes sample PNG pictures that look plainly different from each other (a colour, a shape and a number chosen
/// by the seed), so the demo and the tests have real images to feed in without shipping or downloading any, and a
/// viewer can tell which video came from which image.
/// </summary>
public static class SampleImage
{
    public static void WritePng(string path, int width = 640, int height = 360, int seed = 1)
    {
        using var file = File.Create(path);
        WritePng(file, width, height, seed);
    }

    public static void WritePng(Stream output, int width, int height, int seed)
    {
        if (width < 2 || height < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(width), "A sample image is at least 2x2 pixels.");
        }

        PngFile.Write(output, Draw(width, height, seed));
    }

    internal static RgbImage Draw(int width, int height, int seed)
    {
        var image = new RgbImage(width, height);

        // The golden angle spreads the hues of consecutive seeds far apart.
        double hue = (seed * 137.508) % 360;
        double radius = Math.Min(width, height) * 0.3;
        double centreX = width * 0.5, centreY = height * 0.55;
        var shape = ((seed % 4) + 4) % 4;
        var texture = new TestPattern(seed, 0);
        var (shapeRed, shapeGreen, shapeBlue) = Hsv((hue + 180) % 360, 0.8, 0.95);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                // A fine seeded grain over a vertical gradient, as a photo has texture: motion shows on it, and the
                // file is about as large as a real picture of its size.
                double grain = ((texture.Luma(x * 7, y * 5) - 125) / 110.0 * 0.08) + (((x * 31) ^ (y * 17)) % 7 / 7.0 * 0.04);
                var (red, green, blue) = Hsv(hue, 0.55, Math.Max(0, Math.Min(1, 0.35 + (0.5 * y / height) + grain)));
                double dx = (x - centreX) / radius, dy = (y - centreY) / radius;
                bool inside = shape switch
                {
                    0 => (dx * dx) + (dy * dy) <= 1,
                    1 => Math.Abs(dx) <= 0.85 && Math.Abs(dy) <= 0.85,
                    2 => dy <= 0.8 && dy >= -1 + (2 * Math.Abs(dx)),
                    _ => Math.Abs(dx) + Math.Abs(dy) <= 1.1,
                };
                int at = ((y * width) + x) * 3;
                image.Pixels[at] = inside ? shapeRed : red;
                image.Pixels[at + 1] = inside ? shapeGreen : green;
                image.Pixels[at + 2] = inside ? shapeBlue : blue;
            }
        }

        int scale = Math.Max(1, height / 40);
        BitmapFont.Draw(image, $"SHOT {seed}", 2 * scale, 2 * scale, scale, 250, 250, 250);
        return image;
    }

    private static (byte Red, byte Green, byte Blue) Hsv(double hue, double saturation, double value)
    {
        double chroma = value * saturation;
        double sector = hue / 60;
        double second = chroma * (1 - Math.Abs((sector % 2) - 1));
        var (r, g, b) = (int)sector switch
        {
            0 => (chroma, second, 0.0),
            1 => (second, chroma, 0.0),
            2 => (0.0, chroma, second),
            3 => (0.0, second, chroma),
            4 => (second, 0.0, chroma),
            _ => (chroma, 0.0, second),
        };
        double floor = value - chroma;
        return (ToByte(r + floor), ToByte(g + floor), ToByte(b + floor));
    }

    private static byte ToByte(double value) => (byte)Math.Round(Math.Max(0, Math.Min(1, value)) * 255);
}
