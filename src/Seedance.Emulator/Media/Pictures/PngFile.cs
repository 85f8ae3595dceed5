using System.IO.Compression;
using System.Text;

namespace Seedance.Emulator.Media.Pictures;

/// <summary>Writes an <see cref="RgbImage"/> as a PNG file (8-bit truecolour, no filtering, zlib via DeflateStream).</summary>
public static class PngFile
{
    private static readonly byte[] Signature = { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };

    public static void Write(string path, RgbImage image)
    {
        using var file = File.Create(path);
        Write(file, image);
    }

    public static void Write(Stream output, RgbImage image)
    {
        output.Write(Signature, 0, Signature.Length);
        var header = new byte[13];
        WriteBigEndian(header, 0, (uint)image.Width);
        WriteBigEndian(header, 4, (uint)image.Height);
        header[8] = 8; // bits per channel
        header[9] = 2; // truecolour RGB
        WriteChunk(output, "IHDR", header);
        WriteChunk(output, "IDAT", CompressedRows(image));
        WriteChunk(output, "IEND", new byte[0]);
    }

    /// <summary>The zlib stream of the scanlines, each behind filter type 0.</summary>
    private static byte[] CompressedRows(RgbImage image)
    {
        using var zlib = new MemoryStream();
        zlib.WriteByte(0x78); // deflate, 32 KiB window
        zlib.WriteByte(0x9C); // default compression, header checksum
        var adler = new Adler32();
        using (var deflate = new DeflateStream(zlib, CompressionLevel.Fastest, leaveOpen: true))
        {
            var row = new byte[1 + (image.Width * 3)];
            for (var y = 0; y < image.Height; y++)
            {
                Array.Copy(image.Pixels, y * image.Width * 3, row, 1, image.Width * 3);
                deflate.Write(row, 0, row.Length);
                adler.Update(row);
            }
        }

        var checksum = new byte[4];
        WriteBigEndian(checksum, 0, adler.Value);
        zlib.Write(checksum, 0, 4);
        return zlib.ToArray();
    }

    private static void WriteChunk(Stream output, string type, byte[] data)
    {
        var length = new byte[4];
        WriteBigEndian(length, 0, (uint)data.Length);
        output.Write(length, 0, 4);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        output.Write(typeBytes, 0, 4);
        output.Write(data, 0, data.Length);
        var crc = new byte[4];
        WriteBigEndian(crc, 0, Crc32.Compute(typeBytes, data));
        output.Write(crc, 0, 4);
    }

    private static void WriteBigEndian(byte[] target, int offset, uint value)
    {
        target[offset] = (byte)(value >> 24);
        target[offset + 1] = (byte)(value >> 16);
        target[offset + 2] = (byte)(value >> 8);
        target[offset + 3] = (byte)value;
    }

    /// <summary>
    /// PNG's chunk checksum (ISO-HDLC CRC-32). System.IO.Hashing would provide it, but it is not among the
    /// packages this project can use, and zlib's own is not exposed on netstandard2.0.
    /// </summary>
    private static class Crc32
    {
        private static readonly uint[] Table = BuildTable();

        public static uint Compute(byte[] first, byte[] second)
        {
            var crc = 0xFFFFFFFFu;
            foreach (var part in new[] { first, second })
            {
                foreach (var value in part)
                {
                    crc = Table[(crc ^ value) & 0xFF] ^ (crc >> 8);
                }
            }

            return crc ^ 0xFFFFFFFFu;
        }

        private static uint[] BuildTable()
        {
            var table = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                var c = n;
                for (var k = 0; k < 8; k++)
                {
                    c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
                }

                table[n] = c;
            }

            return table;
        }
    }

    /// <summary>The zlib trailer checksum of the uncompressed data.</summary>
    private sealed class Adler32
    {
        private uint _a = 1;
        private uint _b;

        public uint Value => (_b << 16) | _a;

        public void Update(byte[] data)
        {
            foreach (var value in data)
            {
                _a = (_a + value) % 65521;
                _b = (_b + _a) % 65521;
            }
        }
    }
}
