using System.Buffers.Binary;

namespace Seedance.Media;

/// <summary>
/// What a JPEG or PNG file's structure says, read without decoding a pixel: its format, its pixel size, and
/// whether it is whole. A PNG is walked chunk by chunk from its header (IHDR) to its end (IEND); a JPEG segment
/// by segment to its frame header (SOFn) and its first scan, then searched for its end-of-image marker. So a file
/// cut off in a copy, or only a signature, is caught here instead of being paid for at the provider.
/// </summary>
public sealed class ImageStructure
{
    private static readonly byte[] PngSignature = { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };

    private ImageStructure(string? mediaType, int width = 0, int height = 0, string? cutOffBefore = null, string? damage = null)
    {
        MediaType = mediaType;
        Width = width;
        Height = height;
        CutOffBefore = cutOffBefore;
        Damage = damage;
    }

    /// <summary>image/jpeg or image/png; null when the file is neither.</summary>
    public string? MediaType { get; }

    public int Width { get; }

    public int Height { get; }

    /// <summary>What the file ends before, when it is cut off ("its end (IEND)"); null when it is whole.</summary>
    public string? CutOffBefore { get; }

    /// <summary>What is wrong with a file that has all its bytes but not a sound structure; null when it is sound.</summary>
    public string? Damage { get; }

    /// <summary>"PNG" or "JPEG", for messages.</summary>
    public string FormatName => MediaType == "image/png" ? "PNG" : "JPEG";

    public static ImageStructure Read(byte[] data)
    {
        if (data.AsSpan().StartsWith(PngSignature))
        {
            return ReadPng(data);
        }

        return data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF ? ReadJpeg(data) : new ImageStructure(null);
    }

    /// <summary>Chunks are length (4), type (4), data, CRC (4); IHDR comes first and gives width and height.</summary>
    private static ImageStructure ReadPng(byte[] data)
    {
        const string Png = "image/png";
        var at = PngSignature.Length;
        int width = 0, height = 0;
        var hasImageData = false;
        while (true)
        {
            var sizeKnown = width > 0;
            if (at + 8 > data.Length)
            {
                return new ImageStructure(Png, width, height, cutOffBefore: sizeKnown ? "its end (IEND), so part of the picture is missing" : "the header that gives its pixel size (IHDR)");
            }

            var length = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(at, 4));
            var type = System.Text.Encoding.ASCII.GetString(data, at + 4, 4);
            if (length < 0 || !IsChunkType(data, at + 4))
            {
                return new ImageStructure(Png, width, height, damage: $"the chunk at byte {at:N0} has no valid type or length");
            }

            if (!sizeKnown && type != "IHDR")
            {
                return new ImageStructure(Png, damage: "its first chunk is not the header (IHDR) that gives its pixel size");
            }

            if ((long)at + 12 + length > data.Length)
            {
                return new ImageStructure(Png, width, height, cutOffBefore: sizeKnown ? "its end (IEND), so part of the picture is missing" : "the header that gives its pixel size (IHDR)");
            }

            switch (type)
            {
                case "IHDR":
                    width = length >= 8 ? BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(at + 8, 4)) : 0;
                    height = length >= 8 ? BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(at + 12, 4)) : 0;
                    if (width <= 0 || height <= 0)
                    {
                        return new ImageStructure(Png, damage: "its header (IHDR) gives no pixel size");
                    }

                    break;
                case "IDAT":
                    hasImageData = true;
                    break;
                case "IEND":
                    return hasImageData ? new ImageStructure(Png, width, height) : new ImageStructure(Png, width, height, damage: "it has no image data (IDAT)");
            }

            at += 12 + length;
        }
    }

    /// <summary>
    /// Segments are FF, a marker, and (except the standalone markers) a 2-byte length that counts itself. After the
    /// first scan (SOS) comes entropy-coded data, in which FF is always followed by 00 or a restart marker, so the
    /// end-of-image marker FF D9 appears only at the end.
    /// </summary>
    private static ImageStructure ReadJpeg(byte[] data)
    {
        const string Jpeg = "image/jpeg";
        int width = 0, height = 0;
        var at = 2;
        while (true)
        {
            var sizeKnown = width > 0;
            while (at < data.Length && data[at] == 0xFF && at + 1 < data.Length && data[at + 1] == 0xFF)
            {
                at++; // fill bytes before a marker
            }

            if (at + 4 > data.Length)
            {
                return new ImageStructure(Jpeg, width, height, cutOffBefore: sizeKnown ? "its image data (SOS)" : "the frame header that gives its pixel size (SOF)");
            }

            if (data[at] != 0xFF)
            {
                return new ImageStructure(Jpeg, width, height, damage: $"a segment marker is missing at byte {at:N0}");
            }

            var marker = data[at + 1];
            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                at += 2; // a standalone marker, without a length
                continue;
            }

            if (marker == 0xD9)
            {
                return new ImageStructure(Jpeg, width, height, damage: "it ends (EOI) before any image data (SOS)");
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(at + 2, 2));
            if (length < 2)
            {
                return new ImageStructure(Jpeg, width, height, damage: $"the segment at byte {at:N0} has an impossible length");
            }

            if (at + 2 + length > data.Length)
            {
                return new ImageStructure(Jpeg, width, height, cutOffBefore: sizeKnown ? "its image data (SOS)" : "the frame header that gives its pixel size (SOF)");
            }

            if (IsStartOfFrame(marker))
            {
                height = length >= 7 ? BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(at + 5, 2)) : 0;
                width = length >= 7 ? BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(at + 7, 2)) : 0;
                if (width <= 0 || height <= 0)
                {
                    return new ImageStructure(Jpeg, damage: "its frame header (SOF) gives no pixel size");
                }
            }
            else if (marker == 0xDA)
            {
                return !sizeKnown ? new ImageStructure(Jpeg, damage: "its image data (SOS) comes before its frame header (SOF)")
                    : EndsWithin(data, at + 2 + length) ? new ImageStructure(Jpeg, width, height)
                    : new ImageStructure(Jpeg, width, height, cutOffBefore: "its end-of-image marker (EOI), so part of the picture is missing");
            }

            at += 2 + length;
        }
    }

    /// <summary>SOF0-SOF15, except DHT (C4), JPG (C8) and DAC (CC), which share the range.</summary>
    private static bool IsStartOfFrame(byte marker) => marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC);

    private static bool EndsWithin(byte[] data, int from)
    {
        for (var i = data.Length - 2; i >= from; i--)
        {
            if (data[i] == 0xFF && data[i + 1] == 0xD9)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsChunkType(byte[] data, int at)
    {
        for (var i = at; i < at + 4; i++)
        {
            if (data[i] is not ((>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z')))
            {
                return false;
            }
        }

        return true;
    }
}
