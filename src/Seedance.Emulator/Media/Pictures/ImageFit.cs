namespace Seedance.Emulator.Media.Pictures;

/// <summary>
/// An image scaled to fit a frame whole (no cropping) and centred, black around it: bilinear where it grows, and
/// averaged over several taps per pixel where it shrinks, so a large photo does not alias into noise.
/// </summary>
internal sealed class ImageFit
{
    private const int MaxTapsPerSide = 4;

    private readonly RgbImage _image;
    private readonly double _scale;
    private readonly double _left;
    private readonly double _top;
    private readonly int _taps;

    public ImageFit(RgbImage image, int frameWidth, int frameHeight)
    {
        _image = image;
        _scale = Math.Min(frameWidth / (double)image.Width, frameHeight / (double)image.Height);
        _left = (frameWidth - (image.Width * _scale)) / 2;
        _top = (frameHeight - (image.Height * _scale)) / 2;
        _taps = _scale >= 1 ? 1 : Math.Min(MaxTapsPerSide, (int)Math.Ceiling(1 / _scale));
    }

    /// <summary>Writes the RGB of frame pixel (x, y) at <paramref name="offset"/>.</summary>
    public void Sample(int x, int y, byte[] target, int offset)
    {
        double red = 0, green = 0, blue = 0;
        for (int tapY = 0; tapY < _taps; tapY++)
        {
            for (int tapX = 0; tapX < _taps; tapX++)
            {
                // Image coordinates of this tap, with pixel centres at whole numbers.
                double u = ((x + ((tapX + 0.5) / _taps) - _left) / _scale) - 0.5;
                double v = ((y + ((tapY + 0.5) / _taps) - _top) / _scale) - 0.5;
                if (u < -0.5 || v < -0.5 || u > _image.Width - 0.5 || v > _image.Height - 0.5)
                {
                    continue;
                }

                Bilinear(u, v, ref red, ref green, ref blue);
            }
        }

        // Taps outside the image are the black border; a pixel on the border's edge blends into it.
        int taps = _taps * _taps;
        target[offset] = (byte)Math.Round(red / taps);
        target[offset + 1] = (byte)Math.Round(green / taps);
        target[offset + 2] = (byte)Math.Round(blue / taps);
    }

    private void Bilinear(double u, double v, ref double red, ref double green, ref double blue)
    {
        int x0 = (int)Math.Floor(u), y0 = (int)Math.Floor(v);
        double fx = u - x0, fy = v - y0;
        int xa = Math.Max(0, x0), xb = Math.Min(_image.Width - 1, x0 + 1);
        int ya = Math.Max(0, y0), yb = Math.Min(_image.Height - 1, y0 + 1);
        for (int channel = 0; channel < 3; channel++)
        {
            double top = (Pixel(xa, ya, channel) * (1 - fx)) + (Pixel(xb, ya, channel) * fx);
            double bottom = (Pixel(xa, yb, channel) * (1 - fx)) + (Pixel(xb, yb, channel) * fx);
            double value = (top * (1 - fy)) + (bottom * fy);
            switch (channel)
            {
                case 0: red += value; break;
                case 1: green += value; break;
                default: blue += value; break;
            }
        }
    }

    private byte Pixel(int x, int y, int channel) => _image.Pixels[(((y * _image.Width) + x) * 3) + channel];
}
