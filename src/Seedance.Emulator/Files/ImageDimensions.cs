namespace Seedance.Emulator.Files;

/// <summary>
/// The pixel size of a PNG or JPEG read from its header, for twins whose provider refuses images by size
/// (Ark takes sides of 300 to 6000 px). Other formats, and damaged files, read as unknown.
/// </summary>
public static class ImageDimensions
{
    public static (int Width, int Height)? Of(byte[] image)
    {
        if (image.Length >= 24 && image[0] == 0x89 && image[1] == (byte)'P' && image[12] == (byte)'I' && image[13] == (byte)'H')
        {
            return (BigEndian(image, 16, 4), BigEndian(image, 20, 4));
        }

        return image.Length >= 4 && image[0] == 0xFF && image[1] == 0xD8 ? JpegFrameSize(image) : null;
    }

    /// <summary>Walks the JPEG segments to the first start-of-frame marker, which holds height then width.</summary>
    private static (int Width, int Height)? JpegFrameSize(byte[] image)
    {
        var at = 2;
        while (at + 9 < image.Length && image[at] == 0xFF)
        {
            var marker = image[at + 1];
            var isStartOfFrame = marker is >= 0xC0 and <= 0xCF && marker is not (0xC4 or 0xC8 or 0xCC);
            if (isStartOfFrame)
            {
                return (BigEndian(image, at + 7, 2), BigEndian(image, at + 5, 2));
            }

            at += 2 + BigEndian(image, at + 2, 2);
        }

        return null;
    }

    private static int BigEndian(byte[] data, int offset, int length)
    {
        var value = 0;
        for (var i = 0; i < length; i++)
        {
            value = (value << 8) | data[offset + i];
        }

        return value;
    }
}
