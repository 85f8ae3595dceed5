using Seedance.Emulator.Media.Motion;

namespace Seedance.Emulator.Media.Pictures;

/// <summary>
/// One decoded picture of the stream as a decoder holds it: 4:2:0 video-range YCbCr over the whole coded area
/// (macroblock-aligned; the part past the visible size repeats its edge). Key frames are written from it, and a
/// moved frame is computed from it exactly as a decoder predicts it, so the emulator knows every frame it serves.
/// </summary>
/// <remarks>
/// Every sample stays within the video range (16..235 luma, 16..240 chroma), so no byte of an I_PCM macroblock is 3
/// or less and sample data never needs emulation prevention (see <see cref="H264SliceWriter"/>).
/// </remarks>
internal sealed class FramePicture
{
    /// <summary>Chroma with no colour; also what intra prediction assumes where no neighbour is coded.</summary>
    public const byte Grey = 128;

    private FramePicture(H264Geometry geometry)
    {
        Geometry = geometry;
        Luma = new byte[geometry.CodedWidth * geometry.CodedHeight];
        Blue = new byte[ChromaWidth * ChromaHeight];
        Red = new byte[ChromaWidth * ChromaHeight];
    }

    public H264Geometry Geometry { get; }

    public int LumaWidth => Geometry.CodedWidth;

    public int ChromaWidth => Geometry.CodedWidth / 2;

    public int ChromaHeight => Geometry.CodedHeight / 2;

    public byte[] Luma { get; }

    public byte[] Blue { get; }

    public byte[] Red { get; }

    /// <summary>The seeded test pattern, for a video that was given no picture.</summary>
    public static FramePicture Of(TestPattern pattern, H264Geometry geometry)
    {
        var picture = new FramePicture(geometry);
        for (int y = 0; y < geometry.CodedHeight; y++)
        {
            for (int x = 0; x < geometry.CodedWidth; x++)
            {
                picture.Luma[(y * picture.LumaWidth) + x] = pattern.Luma(x, y);
            }
        }

        for (int y = 0; y < picture.ChromaHeight; y++)
        {
            for (int x = 0; x < picture.ChromaWidth; x++)
            {
                picture.Blue[(y * picture.ChromaWidth) + x] = pattern.Blue(x, y);
                picture.Red[(y * picture.ChromaWidth) + x] = pattern.Red(x, y);
            }
        }

        return picture;
    }

    /// <summary><paramref name="image"/> scaled to fit the visible frame and centred on black, as a player letterboxes it.</summary>
    public static FramePicture Of(RgbImage image, H264Geometry geometry)
    {
        var picture = new FramePicture(geometry);
        var fit = new ImageFit(image, geometry.Width, geometry.Height);
        var block = new byte[4 * 3];
        for (int chromaY = 0; chromaY < picture.ChromaHeight; chromaY++)
        {
            for (int chromaX = 0; chromaX < picture.ChromaWidth; chromaX++)
            {
                int red = 0, green = 0, blue = 0;
                for (int i = 0; i < 4; i++)
                {
                    // Past the visible edge, the coded area repeats the last visible row and column.
                    int x = Math.Min((chromaX * 2) + (i & 1), geometry.Width - 1);
                    int y = Math.Min((chromaY * 2) + (i >> 1), geometry.Height - 1);
                    fit.Sample(x, y, block, i * 3);
                    red += block[i * 3];
                    green += block[(i * 3) + 1];
                    blue += block[(i * 3) + 2];
                    picture.Luma[((((chromaY * 2) + (i >> 1)) * picture.LumaWidth) + (chromaX * 2) + (i & 1))] =
                        VideoRange.Luma(block[i * 3], block[(i * 3) + 1], block[(i * 3) + 2]);
                }

                int at = (chromaY * picture.ChromaWidth) + chromaX;
                picture.Blue[at] = VideoRange.Blue(red / 4.0, green / 4.0, blue / 4.0);
                picture.Red[at] = VideoRange.Red(red / 4.0, green / 4.0, blue / 4.0);
            }
        }

        return picture;
    }

    /// <summary>
    /// This picture as a compact key frame shows it (see <see cref="H264SliceWriter.BuildMosaicIdrSlice"/>): each
    /// macroblock one level of luma, its rounded mean, over grey chroma.
    /// </summary>
    public FramePicture Mosaic()
    {
        var mosaic = new FramePicture(Geometry);
        int codedWidth = Geometry.CodedWidth;
        for (int macroblock = 0; macroblock < Geometry.MacroblockCount; macroblock++)
        {
            int left = (macroblock % Geometry.WidthInMacroblocks) * 16;
            int top = (macroblock / Geometry.WidthInMacroblocks) * 16;
            int sum = 0;
            for (int y = top; y < top + 16; y++)
            {
                for (int x = left; x < left + 16; x++)
                {
                    sum += Luma[(y * codedWidth) + x];
                }
            }

            byte mean = (byte)((sum + 128) >> 8);
            for (int y = top; y < top + 16; y++)
            {
                for (int x = left; x < left + 16; x++)
                {
                    mosaic.Luma[(y * codedWidth) + x] = mean;
                }
            }
        }

        for (int i = 0; i < mosaic.Blue.Length; i++)
        {
            mosaic.Blue[i] = Grey;
            mosaic.Red[i] = Grey;
        }

        return mosaic;
    }

    /// <summary>
    /// The picture a P frame of <paramref name="field"/> decodes to with this one as its reference: each macroblock
    /// copies the block its vector points at, with references past the edge clamped to it, and chroma at half-sample
    /// positions interpolated bilinearly (H.264 clause 8.4.2.2). Whole-sample luma vectors need no filter.
    /// </summary>
    public FramePicture Moved(MotionField field)
    {
        if (field.IsStill)
        {
            return this;
        }

        var moved = new FramePicture(Geometry);
        int codedWidth = Geometry.CodedWidth;
        int codedHeight = Geometry.CodedHeight;
        for (int macroblock = 0; macroblock < Geometry.MacroblockCount; macroblock++)
        {
            int left = (macroblock % Geometry.WidthInMacroblocks) * 16;
            int top = (macroblock / Geometry.WidthInMacroblocks) * 16;
            int vectorX = field.X[macroblock];
            int vectorY = field.Y[macroblock];
            for (int y = top; y < top + 16; y++)
            {
                int sourceRow = Clamp(y + vectorY, codedHeight) * codedWidth;
                for (int x = left; x < left + 16; x++)
                {
                    moved.Luma[(y * codedWidth) + x] = Luma[sourceRow + Clamp(x + vectorX, codedWidth)];
                }
            }

            // Chroma vectors are the luma ones in eighths of a chroma sample (4:2:0): a whole luma sample is 4/8.
            int eighthsX = vectorX * 4;
            int eighthsY = vectorY * 4;
            for (int y = top / 2; y < (top / 2) + 8; y++)
            {
                for (int x = left / 2; x < (left / 2) + 8; x++)
                {
                    int at = (y * ChromaWidth) + x;
                    moved.Blue[at] = Interpolate(Blue, x, y, eighthsX, eighthsY);
                    moved.Red[at] = Interpolate(Red, x, y, eighthsX, eighthsY);
                }
            }
        }

        return moved;
    }

    /// <summary>The visible picture as RGB, converted back as players show it (BT.601, video range).</summary>
    public RgbImage ToRgb()
    {
        var image = new RgbImage(Geometry.Width, Geometry.Height);
        for (int y = 0; y < Geometry.Height; y++)
        {
            for (int x = 0; x < Geometry.Width; x++)
            {
                int chroma = ((y / 2) * ChromaWidth) + (x / 2);
                VideoRange.ToRgb(Luma[(y * LumaWidth) + x], Blue[chroma], Red[chroma], image.Pixels, ((y * Geometry.Width) + x) * 3);
            }
        }

        return image;
    }

    private byte Interpolate(byte[] plane, int x, int y, int eighthsX, int eighthsY)
    {
        int fractionX = eighthsX & 7;
        int fractionY = eighthsY & 7;
        int left = x + (eighthsX >> 3);
        int top = y + (eighthsY >> 3);
        int x0 = Clamp(left, ChromaWidth), x1 = Clamp(left + 1, ChromaWidth);
        int y0 = Clamp(top, ChromaHeight) * ChromaWidth, y1 = Clamp(top + 1, ChromaHeight) * ChromaWidth;
        int sum = ((8 - fractionX) * (8 - fractionY) * plane[y0 + x0])
            + (fractionX * (8 - fractionY) * plane[y0 + x1])
            + ((8 - fractionX) * fractionY * plane[y1 + x0])
            + (fractionX * fractionY * plane[y1 + x1]);
        return (byte)((sum + 32) >> 6);
    }

    private static int Clamp(int value, int length) => value < 0 ? 0 : value >= length ? length - 1 : value;
}
