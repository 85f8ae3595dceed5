using System.Text;

namespace Seedance.Emulator.Media;

/// <summary>
/// Builds nested ISO base media file format boxes in memory, big-endian, filling in each box's size when it is
/// closed; and writes the bare headers of boxes too large to build in memory.
/// </summary>
internal sealed class Mp4BoxWriter
{
    private const int CompactHeaderLength = 8;
    private const int LargeHeaderLength = 16;

    private readonly MemoryStream _buffer = new();
    private readonly Stack<long> _openBoxStarts = new();

    /// <summary>Header length of a box with this much payload: 8 bytes, or 16 once the size needs 64 bits.</summary>
    public static int HeaderLengthFor(long payloadLength) =>
        payloadLength + CompactHeaderLength <= uint.MaxValue ? CompactHeaderLength : LargeHeaderLength;

    /// <summary>
    /// Writes only the header of a box <paramref name="totalLength"/> bytes long, header included, for a payload the
    /// caller then streams itself. Lengths beyond 32 bits get the 16-byte form (size 1, then a 64-bit largesize).
    /// </summary>
    /// <returns>The header's length.</returns>
    public static int WriteHeader(Stream output, string type, long totalLength)
    {
        var header = new Mp4BoxWriter();
        if (totalLength <= uint.MaxValue)
        {
            header.WriteUInt32((uint)totalLength);
            header.WriteFourCc(type);
        }
        else
        {
            header.WriteUInt32(1);
            header.WriteFourCc(type);
            header.WriteUInt64((ulong)totalLength);
        }

        byte[] bytes = header.ToArray();
        output.Write(bytes, 0, bytes.Length);
        return bytes.Length;
    }

    public void BeginBox(string type)
    {
        _openBoxStarts.Push(_buffer.Position);
        WriteUInt32(0); // patched by EndBox
        WriteFourCc(type);
    }

    public void BeginFullBox(string type, byte version, uint flags)
    {
        BeginBox(type);
        WriteUInt8(version);
        WriteUInt24(flags);
    }

    public void EndBox()
    {
        long start = _openBoxStarts.Pop();
        long end = _buffer.Position;
        _buffer.Position = start;
        WriteUInt32(checked((uint)(end - start)));
        _buffer.Position = end;
    }

    public void WriteUInt8(byte value) => _buffer.WriteByte(value);

    public void WriteUInt16(ushort value)
    {
        _buffer.WriteByte((byte)(value >> 8));
        _buffer.WriteByte((byte)value);
    }

    public void WriteUInt24(uint value)
    {
        _buffer.WriteByte((byte)(value >> 16));
        _buffer.WriteByte((byte)(value >> 8));
        _buffer.WriteByte((byte)value);
    }

    public void WriteUInt32(uint value)
    {
        WriteUInt16((ushort)(value >> 16));
        WriteUInt16((ushort)value);
    }

    public void WriteUInt64(ulong value)
    {
        WriteUInt32((uint)(value >> 32));
        WriteUInt32((uint)value);
    }

    public void WriteFourCc(string fourCc)
    {
        byte[] ascii = Encoding.ASCII.GetBytes(fourCc);
        if (ascii.Length != 4)
        {
            throw new ArgumentException($"A box type has four characters; got '{fourCc}'.", nameof(fourCc));
        }

        WriteBytes(ascii);
    }

    public void WriteBytes(byte[] bytes) => _buffer.Write(bytes, 0, bytes.Length);

    public void WriteZeros(int count)
    {
        for (int i = 0; i < count; i++)
        {
            _buffer.WriteByte(0);
        }
    }

    public byte[] ToArray()
    {
        if (_openBoxStarts.Count != 0)
        {
            throw new InvalidOperationException($"{_openBoxStarts.Count} box(es) still open.");
        }

        return _buffer.ToArray();
    }
}
