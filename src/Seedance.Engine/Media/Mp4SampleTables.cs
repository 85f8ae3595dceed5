namespace Seedance.Media;

/// <summary>
/// A track's sample size, sample-to-chunk and chunk offset tables, and the check that together they place every
/// sample inside the file: the tables can be perfectly formed and still point past the end of a truncated download.
/// </summary>
internal sealed class Mp4SampleTables
{
    private readonly Mp4BoxReader _sizes;
    private readonly uint _constantSize;
    private readonly int _sizeFieldBits;
    private readonly Mp4BoxReader _offsets;
    private readonly bool _offsetsAre64Bit;
    private readonly long _chunkCount;
    private readonly List<(long FirstChunk, long SamplesPerChunk)> _sampleToChunk;
    private int _pendingLowNibble = -1;

    private Mp4SampleTables(
        Mp4BoxReader sizes,
        uint constantSize,
        int sizeFieldBits,
        long sampleCount,
        Mp4BoxReader offsets,
        bool offsetsAre64Bit,
        long chunkCount,
        List<(long FirstChunk, long SamplesPerChunk)> sampleToChunk)
    {
        _sizes = sizes;
        _constantSize = constantSize;
        _sizeFieldBits = sizeFieldBits;
        SampleCount = sampleCount;
        _offsets = offsets;
        _offsetsAre64Bit = offsetsAre64Bit;
        _chunkCount = chunkCount;
        _sampleToChunk = sampleToChunk;
    }

    public long SampleCount { get; }

    /// <summary>Reads the tables from the children of 'stbl'.</summary>
    public static Mp4SampleTables Read(IReadOnlyList<Mp4BoxReader> sampleTableBoxes)
    {
        Mp4BoxReader sizes = Mp4BoxReader.Find(sampleTableBoxes, "stsz") ?? Mp4BoxReader.Find(sampleTableBoxes, "stz2")
            ?? throw new Mp4FormatException("no sample size table ('stsz')");
        Mp4BoxReader sampleToChunk = Mp4BoxReader.Find(sampleTableBoxes, "stsc")
            ?? throw new Mp4FormatException("no sample-to-chunk table ('stsc')");
        Mp4BoxReader offsets = Mp4BoxReader.Find(sampleTableBoxes, "stco") ?? Mp4BoxReader.Find(sampleTableBoxes, "co64")
            ?? throw new Mp4FormatException("no chunk offset table ('stco' or 'co64')");

        sizes.ReadVersion();
        uint constantSize = 0;
        int sizeFieldBits;
        long sampleCount;
        if (sizes.BoxType == "stsz")
        {
            constantSize = sizes.ReadUInt32();
            sampleCount = sizes.ReadUInt32();
            sizeFieldBits = constantSize == 0 ? 32 : 0;
        }
        else
        {
            sizes.Skip(3); // reserved
            sizeFieldBits = sizes.ReadUInt8();
            if (sizeFieldBits != 4 && sizeFieldBits != 8 && sizeFieldBits != 16)
            {
                throw new Mp4FormatException($"the 'stz2' box has an invalid field size of {sizeFieldBits} bits");
            }

            sampleCount = sizes.ReadUInt32();
        }

        RequireEntries(sizes, sampleCount, sizeFieldBits, "sample sizes");

        offsets.ReadVersion();
        bool offsetsAre64Bit = offsets.BoxType == "co64";
        long chunkCount = offsets.ReadUInt32();
        RequireEntries(offsets, chunkCount, offsetsAre64Bit ? 64 : 32, "chunk offsets");

        sampleToChunk.ReadVersion();
        long runCount = sampleToChunk.ReadUInt32();
        RequireEntries(sampleToChunk, runCount, 3 * 32, "entries");
        var runs = new List<(long FirstChunk, long SamplesPerChunk)>((int)runCount);
        for (long i = 0; i < runCount; i++)
        {
            long firstChunk = sampleToChunk.ReadUInt32();
            long samplesPerChunk = sampleToChunk.ReadUInt32();
            sampleToChunk.Skip(4); // sample_description_index
            runs.Add((firstChunk, samplesPerChunk));
        }

        return new Mp4SampleTables(sizes, constantSize, sizeFieldBits, sampleCount, offsets, offsetsAre64Bit, chunkCount, runs);
    }

    /// <summary>
    /// Walks every chunk and returns the first problem found, or null: tables that disagree about how many samples
    /// there are, or sample data past <paramref name="fileLength"/>. Reads the tables as it goes, so call it once.
    /// </summary>
    public string? FindProblem(int trackId, long fileLength)
    {
        long sample = 0;
        for (int run = 0; run < _sampleToChunk.Count; run++)
        {
            // Each run covers the chunks up to where the next begins; the first must begin at chunk 1.
            (long firstChunk, long samplesPerChunk) = _sampleToChunk[run];
            long lastChunk = run + 1 < _sampleToChunk.Count ? _sampleToChunk[run + 1].FirstChunk - 1 : _chunkCount;
            if (Math.Max(firstChunk, lastChunk) > _chunkCount)
            {
                return Invariant($"the 'stsc' table of track {trackId} refers to chunk {Math.Max(firstChunk, lastChunk):N0}, but there are only {_chunkCount:N0}");
            }

            if ((run == 0 && firstChunk != 1) || lastChunk < firstChunk)
            {
                return Invariant($"the 'stsc' table of track {trackId} is out of order at entry {run + 1:N0}");
            }

            for (long chunk = firstChunk; chunk <= lastChunk; chunk++)
            {
                ulong offset = NextChunkOffset();
                long samplesHere = Math.Min(samplesPerChunk, SampleCount - sample);
                if (samplesHere < samplesPerChunk)
                {
                    return Invariant($"the chunk tables of track {trackId} hold more samples than its 'stsz' lists ({SampleCount:N0})");
                }

                long bytes = SumNextSampleSizes(samplesHere, fileLength);
                sample += samplesHere;
                if (offset > (ulong)fileLength || bytes > fileLength - (long)offset)
                {
                    return Invariant($"sample data of track {trackId} lies beyond the end of the file");
                }
            }
        }

        if (sample != SampleCount)
        {
            return Invariant($"the 'stsz' table of track {trackId} lists {SampleCount:N0} samples, but its chunks hold {sample:N0}");
        }

        return null;
    }

    private static string Invariant(FormattableString message) => FormattableString.Invariant(message);

    private static void RequireEntries(Mp4BoxReader box, long count, int bitsPerEntry, string what)
    {
        if (((count * bitsPerEntry) + 7) / 8 > box.Remaining)
        {
            throw new Mp4FormatException(Invariant($"the '{box.BoxType}' box declares {count:N0} {what} but holds fewer"));
        }
    }

    private ulong NextChunkOffset() => _offsetsAre64Bit ? _offsets.ReadUInt64() : _offsets.ReadUInt32();

    /// <summary>The total size of the next <paramref name="count"/> samples, or just over <paramref name="cap"/> once it is exceeded.</summary>
    private long SumNextSampleSizes(long count, long cap)
    {
        if (_sizeFieldBits == 0)
        {
            return _constantSize == 0 || count <= cap / _constantSize ? count * _constantSize : cap + 1;
        }

        long total = 0;
        for (long i = 0; i < count && total <= cap; i++)
        {
            total += NextSampleSize();
        }

        return total;
    }

    private uint NextSampleSize()
    {
        switch (_sizeFieldBits)
        {
            case 32:
                return _sizes.ReadUInt32();
            case 16:
                return _sizes.ReadUInt16();
            case 8:
                return _sizes.ReadUInt8();
            default:
                return NextFourBitSize();
        }
    }

    /// <summary>'stz2' with 4-bit fields packs two sizes per byte, high nibble first.</summary>
    private uint NextFourBitSize()
    {
        if (_pendingLowNibble >= 0)
        {
            uint low = (uint)_pendingLowNibble;
            _pendingLowNibble = -1;
            return low;
        }

        byte pair = _sizes.ReadUInt8();
        _pendingLowNibble = pair & 0x0F;
        return (uint)(pair >> 4);
    }
}
