using System.Text;

namespace Seedance.Media;

/// <summary>
/// Reads the payload of one box held in memory: big-endian fields, and the child boxes of container boxes.
/// Every read is bounds-checked against the box, so lying sizes and counts raise <see cref="Mp4FormatException"/>.
/// </summary>
internal sealed class Mp4BoxReader
{
    private readonly byte[] _data;
    private readonly int _end;
    private int _position;

    public Mp4BoxReader(byte[] data, int start, int length, string boxType)
    {
        _data = data;
        _position = start;
        _end = start + length;
        BoxType = boxType;
    }

    public string BoxType { get; }

    public int Remaining => _end - _position;

    /// <summary>Prints a box type for a message; bytes that are not printable ASCII show as '?'.</summary>
    public static string Printable(byte[] data, int offset)
    {
        var text = new StringBuilder(4);
        for (int i = 0; i < 4; i++)
        {
            byte value = data[offset + i];
            text.Append(value >= 0x20 && value < 0x7F ? (char)value : value == 0xA9 ? '©' : '?');
        }

        return text.ToString();
    }

    /// <summary>The first of <paramref name="boxes"/> of the given type, or null.</summary>
    public static Mp4BoxReader? Find(IReadOnlyList<Mp4BoxReader> boxes, string type)
    {
        foreach (Mp4BoxReader box in boxes)
        {
            if (box.BoxType == type)
            {
                return box;
            }
        }

        return null;
    }

    public byte ReadUInt8()
    {
        Require(1);
        return _data[_position++];
    }

    public ushort ReadUInt16()
    {
        Require(2);
        ushort value = (ushort)((_data[_position] << 8) | _data[_position + 1]);
        _position += 2;
        return value;
    }

    public uint ReadUInt32()
    {
        Require(4);
        uint value = ((uint)_data[_position] << 24) | ((uint)_data[_position + 1] << 16) | ((uint)_data[_position + 2] << 8) | _data[_position + 3];
        _position += 4;
        return value;
    }

    public ulong ReadUInt64()
    {
        ulong high = ReadUInt32();
        return (high << 32) | ReadUInt32();
    }

    public string ReadFourCc()
    {
        Require(4);
        string fourCc = Printable(_data, _position);
        _position += 4;
        return fourCc;
    }

    /// <summary>Reads a full box's version and skips its flags.</summary>
    public byte ReadVersion()
    {
        byte version = ReadUInt8();
        Skip(3);
        return version;
    }

    public void Skip(long count)
    {
        Require(count);
        _position += (int)count;
    }

    /// <summary>A reader over the next <paramref name="length"/> bytes, which this reader then skips.</summary>
    public Mp4BoxReader Slice(long length, string boxType)
    {
        Require(length);
        var slice = new Mp4BoxReader(_data, _position, (int)length, boxType);
        _position += (int)length;
        return slice;
    }

    /// <summary>Reads the rest of this box as a sequence of child boxes.</summary>
    public List<Mp4BoxReader> ReadChildren()
    {
        var children = new List<Mp4BoxReader>();
        while (Remaining > 0)
        {
            if (Remaining < 8)
            {
                throw new Mp4FormatException($"the '{BoxType}' box ends with {Remaining} stray byte(s)");
            }

            int start = _position;
            long size = ReadUInt32();
            string type = ReadFourCc();
            int headerLength = 8;
            if (size == 1)
            {
                ulong largeSize = ReadUInt64();
                size = largeSize > int.MaxValue ? long.MaxValue : (long)largeSize;
                headerLength = 16;
            }
            else if (size == 0)
            {
                size = _end - start; // extends to the end of the parent
            }

            if (size < headerLength || size > _end - start)
            {
                throw new Mp4FormatException($"the '{type}' box inside '{BoxType}' declares {size:N0} bytes, which does not fit");
            }

            children.Add(Slice(size - headerLength, type));
        }

        return children;
    }

    private void Require(long count)
    {
        if (count < 0 || count > Remaining)
        {
            throw new Mp4FormatException($"the '{BoxType}' box is shorter than its contents require");
        }
    }
}
