namespace Seedance.Media;

/// <summary>
/// Checks that a downloaded file is a complete, playable-looking MP4 without decoding it and without reading it
/// whole: it walks the top-level box headers, seeking over the media data, and parses only 'moov'.
/// </summary>
public static class Mp4Inspector
{
    /// <summary>
    /// Even hours of video need only a few megabytes of 'moov'; a larger one is far more likely corrupt than real,
    /// and reading it would cost that much memory.
    /// </summary>
    private const long MaxMovieBoxLength = 64L * 1024 * 1024;

    private const int CompactHeaderLength = 8;
    private const int LargeHeaderLength = 16;

    public static Mp4Info Inspect(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 4096, FileOptions.RandomAccess);
        return Inspect(stream);
    }

    /// <summary>Inspects the whole stream, from offset 0. Leaves it open; only I/O errors of the stream itself are thrown.</summary>
    public static Mp4Info Inspect(Stream seekableStream)
    {
        if (seekableStream is null)
        {
            throw new ArgumentNullException(nameof(seekableStream));
        }

        if (!seekableStream.CanRead || !seekableStream.CanSeek)
        {
            throw new ArgumentException("The stream must be readable and seekable.", nameof(seekableStream));
        }

        long fileLength = seekableStream.Length;
        var problems = new List<string>();
        var tracks = new List<Mp4Track>();
        double durationSeconds = 0;
        if (fileLength == 0)
        {
            problems.Add("the file is empty");
            return new Mp4Info(fileLength, durationSeconds, tracks, problems);
        }

        TopLevelBoxes boxes = ScanTopLevelBoxes(seekableStream, fileLength, problems);
        if (boxes.IsMp4)
        {
            if (boxes.MoovPayloadLength > MaxMovieBoxLength)
            {
                problems.Add(Invariant($"the 'moov' box is {boxes.MoovPayloadLength:N0} bytes, more than the {MaxMovieBoxLength:N0} this check reads"));
            }
            else if (boxes.MoovPayloadOffset >= 0)
            {
                byte[] moov = ReadAt(seekableStream, boxes.MoovPayloadOffset, (int)boxes.MoovPayloadLength);
                (durationSeconds, tracks) = Mp4MovieParser.Parse(moov, fileLength, problems);
            }

            // Boxes past a truncation or corruption were never seen, so only a clean walk can say one is missing.
            if (boxes.ReachedEnd && boxes.MoovPayloadOffset < 0)
            {
                problems.Add("no 'moov' box");
            }

            if (boxes.ReachedEnd && !boxes.HasMdat)
            {
                problems.Add("no 'mdat' box");
            }
        }

        return new Mp4Info(fileLength, durationSeconds, tracks, problems);
    }

    /// <summary>
    /// Walks the top-level boxes by their headers alone, noting where 'moov' is and whether there is an 'mdat',
    /// and stops at the first box that cannot be right: one running past the end of the file is a cut-off download.
    /// </summary>
    private static TopLevelBoxes ScanTopLevelBoxes(Stream stream, long fileLength, List<string> problems)
    {
        var boxes = new TopLevelBoxes();
        var header = new byte[LargeHeaderLength];
        for (long offset = 0; offset < fileLength;)
        {
            long remaining = fileLength - offset;
            bool isFirst = offset == 0;
            int headerBytes = ReadAt(stream, offset, header, (int)Math.Min(remaining, LargeHeaderLength));
            if (isFirst && (headerBytes < CompactHeaderLength || Mp4BoxReader.Printable(header, 4) != "ftyp"))
            {
                problems.Add("not an MP4: first box is not 'ftyp'");
                boxes.IsMp4 = false;
                return boxes;
            }

            if (headerBytes < CompactHeaderLength)
            {
                problems.Add(Invariant($"file ends inside a box header at offset {offset:N0} ({remaining:N0} bytes present)"));
                return boxes;
            }

            string type = Mp4BoxReader.Printable(header, 4);
            if (type.IndexOf('?') >= 0)
            {
                problems.Add(Invariant($"unreadable data at offset {offset:N0}: not a box header"));
                return boxes;
            }

            long size = ReadUInt32(header, 0);
            long headerLength = CompactHeaderLength;
            if (size == 1)
            {
                if (headerBytes < LargeHeaderLength)
                {
                    problems.Add(Invariant($"file ends inside the header of the '{type}' box at offset {offset:N0}"));
                    return boxes;
                }

                ulong largeSize = ((ulong)ReadUInt32(header, 8) << 32) | ReadUInt32(header, 12);
                size = largeSize > long.MaxValue ? -1 : (long)largeSize;
                headerLength = LargeHeaderLength;
            }
            else if (size == 0)
            {
                size = remaining; // the last box, running to the end of the file
            }

            if (size < headerLength)
            {
                problems.Add(Invariant($"the '{type}' box at offset {offset:N0} declares an impossible size"));
                return boxes;
            }

            if (size > remaining)
            {
                problems.Add(Invariant($"file ends inside the '{type}' box (declares {size:N0} bytes, {remaining:N0} present)"));
                return boxes;
            }

            if (type == "moov")
            {
                if (boxes.MoovPayloadOffset >= 0)
                {
                    problems.Add("more than one 'moov' box");
                }
                else
                {
                    boxes.MoovPayloadOffset = offset + headerLength;
                    boxes.MoovPayloadLength = size - headerLength;
                }
            }

            boxes.HasMdat |= type == "mdat";
            offset += size;
        }

        boxes.ReachedEnd = true;
        return boxes;
    }

    private static byte[] ReadAt(Stream stream, long offset, int count)
    {
        var bytes = new byte[count];
        int read = ReadAt(stream, offset, bytes, count);
        if (read != count)
        {
            // The length was checked against the stream's; a shorter read means the file shrank under us.
            throw new EndOfStreamException(Invariant($"Expected {count:N0} bytes at offset {offset:N0}, read {read:N0}."));
        }

        return bytes;
    }

    /// <summary>Reads up to <paramref name="count"/> bytes at <paramref name="offset"/>, fewer only at the end of the stream.</summary>
    private static int ReadAt(Stream stream, long offset, byte[] buffer, int count)
    {
        stream.Position = offset;
        int total = 0;
        while (total < count)
        {
            int read = stream.Read(buffer, total, count - total);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    private static uint ReadUInt32(byte[] bytes, int offset) =>
        ((uint)bytes[offset] << 24) | ((uint)bytes[offset + 1] << 16) | ((uint)bytes[offset + 2] << 8) | bytes[offset + 3];

    private static string Invariant(FormattableString message) => FormattableString.Invariant(message);

    /// <summary>What the top-level walk found.</summary>
    private sealed class TopLevelBoxes
    {
        /// <summary>False once the first box shows the file is something else altogether.</summary>
        public bool IsMp4 { get; set; } = true;

        /// <summary>True when the walk got through the whole file, box by box.</summary>
        public bool ReachedEnd { get; set; }

        public long MoovPayloadOffset { get; set; } = -1;

        public long MoovPayloadLength { get; set; }

        public bool HasMdat { get; set; }
    }
}
