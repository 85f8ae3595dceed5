using StbImageSharp;

namespace Seedance.Emulator.Media.Pictures;

/// <summary>An 8-bit RGB picture, row by row, three bytes a pixel: a decoded reference image or a drawn card.</summary>
public sealed class RgbImage
{
    public RgbImage(int width, int height)
        : this(width, height, new byte[checked(width * height * 3)])
    {
    }

    public RgbImage(int width, int height, byte[] pixels)
    {
        if (width < 1 || height < 1 || pixels.Length != width * height * 3)
        {
            throw new ArgumentException($"{pixels.Length} bytes do not make a {width}x{height} RGB picture.", nameof(pixels));
        }

        Width = width;
        Height = height;
        Pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    public byte[] Pixels { get; }

    /// <summary>
    /// The picture in a PNG or baseline JPEG file (StbImageSharp decodes them; alpha is dropped), or null for anything
    /// it cannot read, which then gets a card instead.
    /// </summary>
    public static RgbImage? Decode(byte[] file)
    {
        try
        {
            var image = ImageResult.FromMemory(file, ColorComponents.RedGreenBlue);
            return image is null || image.Width < 1 || image.Height < 1 ? null : new RgbImage(image.Width, image.Height, image.Data);
        }
        catch (Exception exception) when (exception is InvalidOperationException or ArgumentException or IndexOutOfRangeException or NotSupportedException)
        {
            return null;
        }
    }

    public void Fill(int left, int top, int width, int height, byte red, byte green, byte blue)
    {
        for (int y = Math.Max(0, top); y < Math.Min(Height, top + height); y++)
        {
            for (int x = Math.Max(0, left); x < Math.Min(Width, left + width); x++)
            {
                int at = ((y * Width) + x) * 3;
                Pixels[at] = red;
                Pixels[at + 1] = green;
                Pixels[at + 2] = blue;
            }
        }
    }
}
