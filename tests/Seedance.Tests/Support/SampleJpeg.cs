namespace Seedance.Tests.Support;

/// <summary>
/// Writes real baseline JPEGs of any size: one grey channel whose every 8x8 block is flat mid-grey. With a one-code
/// Huffman table for each of DC ("no change") and AC ("end of block"), a block is two zero bits, so the file is
/// small for any size and decodes cleanly (ffmpeg reads it), unlike a hand-cut header.
/// </summary>
internal static class SampleJpeg
{
    public static void Write(string path, int width, int height) => File.WriteAllBytes(path, Bytes(width, height));

    public static byte[] Bytes(int width, int height)
    {
        var jpeg = new List<byte> { 0xFF, 0xD8 };
        Segment(jpeg, 0xE0, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0);
        var quantisation = new byte[65];
        for (var i = 1; i < quantisation.Length; i++)
        {
            quantisation[i] = 1;
        }

        Segment(jpeg, 0xDB, quantisation);
        Segment(jpeg, 0xC0, 8, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 1, 1, 0x11, 0);
        Segment(jpeg, 0xC4, OneCodeTable(0x00, symbol: 0));
        Segment(jpeg, 0xC4, OneCodeTable(0x10, symbol: 0));
        Segment(jpeg, 0xDA, 1, 1, 0x00, 0, 63, 0);

        // Two zero bits a block, then padding with one bits to the byte boundary, as the standard asks.
        var blocks = (long)((width + 7) / 8) * ((height + 7) / 8);
        var bits = blocks * 2;
        for (var i = 0; i < bits / 8; i++)
        {
            jpeg.Add(0x00);
        }

        if (bits % 8 != 0)
        {
            jpeg.Add((byte)(0xFF >> (int)(bits % 8)));
        }

        jpeg.Add(0xFF);
        jpeg.Add(0xD9);
        return jpeg.ToArray();
    }

    /// <summary>A Huffman table (class and id in <paramref name="classAndId"/>) with one code of length 1.</summary>
    private static byte[] OneCodeTable(byte classAndId, byte symbol)
    {
        var table = new byte[18];
        table[0] = classAndId;
        table[1] = 1;
        table[17] = symbol;
        return table;
    }

    private static void Segment(List<byte> jpeg, byte marker, params byte[] payload)
    {
        jpeg.Add(0xFF);
        jpeg.Add(marker);
        var length = payload.Length + 2;
        jpeg.Add((byte)(length >> 8));
        jpeg.Add((byte)length);
        jpeg.AddRange(payload);
    }
}
