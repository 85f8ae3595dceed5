using System.Buffers.Binary;
using System.Text;

namespace Seedance.Tests.Media;

/// <summary>
/// Test-side MP4 editing: parses files into a box tree, changes them and writes them back, to make the variants
/// and damaged files the inspector must handle, starting from files the synthetic writer made.
/// </summary>
public static class Mp4Surgery
{
    public enum MdatHeader
    {
        /// <summary>A 32-bit size.</summary>
        Compact,

        /// <summary>Size 1, then a 64-bit largesize.</summary>
        LargeSize,

        /// <summary>Size 0: the box runs to the end of the file, so it must come last.</summary>
        ToEndOfFile,
    }

    private static readonly HashSet<string> Containers = new() { "moov", "trak", "mdia", "minf", "stbl", "edts", "dinf" };

    /// <summary>
    /// Rebuilds a file as ftyp, then moov and mdat in the order asked, with the 'mdat' header form and chunk offset
    /// width asked, moving every chunk offset with the data.
    /// </summary>
    public static byte[] Rearrange(byte[] file, bool moovFirst, MdatHeader mdatHeader, bool use64BitOffsets)
    {
        List<Box> boxes = ParseTopLevel(file);
        Box ftyp = boxes.Single(box => box.Type == "ftyp");
        Box moov = boxes.Single(box => box.Type == "moov");
        Box mdat = boxes.Single(box => box.Type == "mdat");

        var chunkOffsetTables = moov.Children!.Where(box => box.Type == "trak")
            .Select(trak => trak.Find("mdia/minf/stbl"))
            .Select(stbl => (Table: stbl, Offsets: ReadChunkOffsets(stbl)))
            .ToList();

        int headerLength = mdatHeader == MdatHeader.LargeSize ? 16 : 8;
        WriteChunkOffsets(chunkOffsetTables, delta: 0, use64BitOffsets); // fixes the moov length before offsets are known
        long newMdatPayloadStart = ftyp.Length + headerLength + (moovFirst ? Serialize(moov).Length : 0);
        WriteChunkOffsets(chunkOffsetTables, newMdatPayloadStart - mdat.PayloadOffset, use64BitOffsets);

        using var output = new MemoryStream();
        output.Write(Serialize(ftyp));
        if (moovFirst)
        {
            output.Write(Serialize(moov));
        }

        WriteMdatHeader(output, mdat.Payload.Length, mdatHeader);
        output.Write(mdat.Payload);
        if (!moovFirst)
        {
            output.Write(Serialize(moov));
        }

        return output.ToArray();
    }

    /// <summary>Applies <paramref name="edit"/> to the 'moov' box, which must keep its length, and returns the edited file.</summary>
    public static byte[] EditMoov(byte[] file, Action<Box> edit)
    {
        Box moov = ParseTopLevel(file).Single(box => box.Type == "moov");
        edit(moov);
        byte[] edited = Serialize(moov);
        if (edited.Length != moov.Length)
        {
            throw new InvalidOperationException("The edit changed the length of 'moov'.");
        }

        byte[] copy = (byte[])file.Clone();
        edited.CopyTo(copy, moov.Offset);
        return copy;
    }

    /// <summary>Renames a top-level box in place, e.g. to 'free', which players skip.</summary>
    public static byte[] RenameTopLevelBox(byte[] file, string from, string to)
    {
        Box box = ParseTopLevel(file).Single(candidate => candidate.Type == from);
        byte[] copy = (byte[])file.Clone();
        Encoding.ASCII.GetBytes(to).CopyTo(copy, box.Offset + 4);
        return copy;
    }

    /// <summary>Offset and total length of the first top-level box of a type.</summary>
    public static (int Offset, int Length) Locate(byte[] file, string type)
    {
        Box box = ParseTopLevel(file).First(candidate => candidate.Type == type);
        return (box.Offset, box.Length);
    }

    private static List<Box> ParseTopLevel(byte[] file) => Parse(file, 0, file.Length);

    private static List<Box> Parse(byte[] data, int start, int end)
    {
        var boxes = new List<Box>();
        for (int offset = start; offset < end;)
        {
            long size = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(offset));
            string type = Encoding.ASCII.GetString(data, offset + 4, 4);
            int headerLength = 8;
            if (size == 1)
            {
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(data.AsSpan(offset + 8));
                headerLength = 16;
            }
            else if (size == 0)
            {
                size = end - offset;
            }

            var box = new Box(type, offset, (int)size, headerLength);
            int payloadStart = offset + headerLength;
            int payloadEnd = offset + (int)size;
            if (Containers.Contains(type))
            {
                box.Children = Parse(data, payloadStart, payloadEnd);
            }
            else
            {
                box.Payload = data.AsSpan(payloadStart, payloadEnd - payloadStart).ToArray();
            }

            boxes.Add(box);
            offset = payloadEnd;
        }

        return boxes;
    }

    private static byte[] Serialize(Box box)
    {
        byte[] payload = box.Children is null ? box.Payload : box.Children.SelectMany(Serialize).ToArray();
        var bytes = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)bytes.Length);
        Encoding.ASCII.GetBytes(box.Type).CopyTo(bytes, 4);
        payload.CopyTo(bytes, 8);
        return bytes;
    }

    private static void WriteMdatHeader(Stream output, long payloadLength, MdatHeader form)
    {
        var header = new byte[form == MdatHeader.LargeSize ? 16 : 8];
        Encoding.ASCII.GetBytes("mdat").CopyTo(header, 4);
        switch (form)
        {
            case MdatHeader.Compact:
                BinaryPrimitives.WriteUInt32BigEndian(header, (uint)(payloadLength + 8));
                break;
            case MdatHeader.LargeSize:
                BinaryPrimitives.WriteUInt32BigEndian(header, 1);
                BinaryPrimitives.WriteUInt64BigEndian(header.AsSpan(8), (ulong)(payloadLength + 16));
                break;
            case MdatHeader.ToEndOfFile:
                break;
        }

        output.Write(header);
    }

    private static List<long> ReadChunkOffsets(Box sampleTable)
    {
        Box table = sampleTable.Children!.Single(box => box.Type is "stco" or "co64");
        int width = table.Type == "co64" ? 8 : 4;
        int count = (int)BinaryPrimitives.ReadUInt32BigEndian(table.Payload.AsSpan(4));
        return Enumerable.Range(0, count)
            .Select(i => width == 8
                ? (long)BinaryPrimitives.ReadUInt64BigEndian(table.Payload.AsSpan(8 + (i * 8)))
                : BinaryPrimitives.ReadUInt32BigEndian(table.Payload.AsSpan(8 + (i * 4))))
            .ToList();
    }

    private static void WriteChunkOffsets(List<(Box Table, List<long> Offsets)> tables, long delta, bool use64BitOffsets)
    {
        foreach ((Box sampleTable, List<long> offsets) in tables)
        {
            int width = use64BitOffsets ? 8 : 4;
            var payload = new byte[8 + (offsets.Count * width)];
            BinaryPrimitives.WriteUInt32BigEndian(payload.AsSpan(4), (uint)offsets.Count);
            for (int i = 0; i < offsets.Count; i++)
            {
                long offset = offsets[i] + delta;
                if (use64BitOffsets)
                {
                    BinaryPrimitives.WriteUInt64BigEndian(payload.AsSpan(8 + (i * 8)), (ulong)offset);
                }
                else
                {
                    BinaryPrimitives.WriteUInt32BigEndian(payload.AsSpan(8 + (i * 4)), checked((uint)offset));
                }
            }

            int index = sampleTable.Children!.FindIndex(box => box.Type is "stco" or "co64");
            sampleTable.Children[index] = new Box(use64BitOffsets ? "co64" : "stco", 0, 0, 8) { Payload = payload };
        }
    }

    /// <summary>A box as parsed: containers hold children, every other box its raw payload.</summary>
    public sealed class Box
    {
        public Box(string type, int offset, int length, int headerLength)
        {
            Type = type;
            Offset = offset;
            Length = length;
            HeaderLength = headerLength;
        }

        public string Type { get; }

        /// <summary>Where the box was in the file it was parsed from.</summary>
        public int Offset { get; }

        public int Length { get; }

        public int HeaderLength { get; }

        public int PayloadOffset => Offset + HeaderLength;

        public byte[] Payload { get; set; } = Array.Empty<byte>();

        public List<Box>? Children { get; set; }

        /// <summary>The first descendant along a path of types, e.g. "trak/mdia/hdlr".</summary>
        public Box Find(string path) =>
            path.Split('/').Aggregate(this, (box, type) => box.Children!.First(child => child.Type == type));
    }
}
