namespace Seedance.Media;

/// <summary>
/// Reads the 'moov' box held in memory: the movie duration, each track's kind, codec, size and sample count,
/// and whether each track's samples lie inside the file. Every finding that makes the file unusable becomes a problem.
/// </summary>
internal static class Mp4MovieParser
{
    public static (double DurationSeconds, List<Mp4Track> Tracks) Parse(byte[] moovPayload, long fileLength, List<string> problems)
    {
        var tracks = new List<Mp4Track>();
        List<Mp4BoxReader> children;
        try
        {
            children = new Mp4BoxReader(moovPayload, 0, moovPayload.Length, "moov").ReadChildren();
        }
        catch (Mp4FormatException exception)
        {
            problems.Add(exception.Message);
            return (0, tracks);
        }

        double durationSeconds = ReadMovieDuration(children, problems);
        foreach (Mp4BoxReader trak in children)
        {
            if (trak.BoxType == "trak")
            {
                Mp4Track? track = ReadTrack(trak, ordinal: tracks.Count + 1, fileLength, problems);
                if (track is not null)
                {
                    tracks.Add(track);
                }
            }
        }

        bool hasVideo = false;
        foreach (Mp4Track track in tracks)
        {
            hasVideo |= track.IsVideo;
            if (track.IsVideo && track.SampleCount == 0)
            {
                problems.Add(FormattableString.Invariant($"video track {track.TrackId} has no samples"));
            }
        }

        if (!hasVideo)
        {
            problems.Add("no video track");
        }

        return (durationSeconds, tracks);
    }

    private static double ReadMovieDuration(List<Mp4BoxReader> movieBoxes, List<string> problems)
    {
        Mp4BoxReader? mvhd = Mp4BoxReader.Find(movieBoxes, "mvhd");
        if (mvhd is null)
        {
            problems.Add("no 'mvhd' box in 'moov'");
            return 0;
        }

        try
        {
            (uint timescale, ulong duration) = ReadTimescaleAndDuration(mvhd);
            if (timescale == 0)
            {
                problems.Add("the 'mvhd' timescale is zero");
                return 0;
            }

            if (duration == 0)
            {
                problems.Add("duration is zero");
            }

            return (double)duration / timescale;
        }
        catch (Mp4FormatException exception)
        {
            problems.Add(exception.Message);
            return 0;
        }
    }

    /// <summary>Reads one track; a malformed track becomes a problem and yields null.</summary>
    private static Mp4Track? ReadTrack(Mp4BoxReader trak, int ordinal, long fileLength, List<string> problems)
    {
        int trackId = ordinal; // until 'tkhd' says otherwise, name the track by its position
        try
        {
            List<Mp4BoxReader> trackBoxes = trak.ReadChildren();
            (trackId, int headerWidth, int headerHeight) = ReadTrackHeader(Require(trackBoxes, "tkhd", "trak"));

            List<Mp4BoxReader> mediaBoxes = Require(trackBoxes, "mdia", "trak").ReadChildren();
            (uint timescale, ulong mediaDuration) = ReadTimescaleAndDuration(Require(mediaBoxes, "mdhd", "mdia"));
            string handlerType = ReadHandlerType(Require(mediaBoxes, "hdlr", "mdia"));
            List<Mp4BoxReader> mediaInformation = Require(mediaBoxes, "minf", "mdia").ReadChildren();
            List<Mp4BoxReader> sampleTableBoxes = Require(mediaInformation, "stbl", "minf").ReadChildren();

            (string codec, int entryWidth, int entryHeight) = ReadFirstSampleEntry(Require(sampleTableBoxes, "stsd", "stbl"), handlerType);
            Mp4SampleTables tables = Mp4SampleTables.Read(sampleTableBoxes);
            string? dataProblem = tables.FindProblem(trackId, fileLength);
            if (dataProblem is not null)
            {
                problems.Add(dataProblem);
            }

            // The sample entry holds the coded picture size; 'tkhd' the presentation size, which may be scaled.
            bool entryHasSize = entryWidth > 0 && entryHeight > 0;
            return new Mp4Track(
                trackId,
                handlerType,
                codec,
                entryHasSize ? entryWidth : headerWidth,
                entryHasSize ? entryHeight : headerHeight,
                tables.SampleCount,
                timescale == 0 ? 0 : (double)mediaDuration / timescale);
        }
        catch (Mp4FormatException exception)
        {
            problems.Add(FormattableString.Invariant($"track {trackId}: {exception.Message}"));
            return null;
        }
    }

    /// <summary>'mvhd' and 'mdhd' share their opening layout: times, then timescale and duration, 64-bit in version 1.</summary>
    private static (uint Timescale, ulong Duration) ReadTimescaleAndDuration(Mp4BoxReader box)
    {
        byte version = box.ReadVersion();
        box.Skip(version == 1 ? 16 : 8); // creation_time, modification_time
        uint timescale = box.ReadUInt32();
        ulong duration = version == 1 ? box.ReadUInt64() : box.ReadUInt32();

        // All ones means "unknown"; for a finished download that is as good as none.
        bool unknown = version == 1 ? duration == ulong.MaxValue : duration == uint.MaxValue;
        return (timescale, unknown ? 0 : duration);
    }

    private static (int TrackId, int Width, int Height) ReadTrackHeader(Mp4BoxReader tkhd)
    {
        byte version = tkhd.ReadVersion();
        tkhd.Skip(version == 1 ? 16 : 8); // creation_time, modification_time
        int trackId = (int)Math.Min(tkhd.ReadUInt32(), int.MaxValue);
        tkhd.Skip(4 + (version == 1 ? 8 : 4)); // reserved, duration
        tkhd.Skip(8 + 2 + 2 + 2 + 2 + 36); // reserved, layer, alternate_group, volume, reserved, matrix
        int width = (int)(tkhd.ReadUInt32() >> 16); // 16.16 fixed point
        int height = (int)(tkhd.ReadUInt32() >> 16);
        return (trackId, width, height);
    }

    private static string ReadHandlerType(Mp4BoxReader hdlr)
    {
        hdlr.ReadVersion();
        hdlr.Skip(4); // pre_defined
        return hdlr.ReadFourCc();
    }

    /// <summary>The codec of the first sample entry and, for visual entries, its picture size.</summary>
    private static (string Codec, int Width, int Height) ReadFirstSampleEntry(Mp4BoxReader stsd, string handlerType)
    {
        stsd.ReadVersion();
        stsd.Skip(4); // entry_count: the entries themselves tell

        List<Mp4BoxReader> entries = stsd.ReadChildren();
        if (entries.Count == 0)
        {
            throw new Mp4FormatException("the 'stsd' box has no sample entries");
        }

        Mp4BoxReader entry = entries[0];
        if (handlerType != "vide")
        {
            return (entry.BoxType, 0, 0);
        }

        entry.Skip(6 + 2 + 2 + 2 + 12); // reserved, data_reference_index, pre_defined, reserved, pre_defined
        int width = entry.ReadUInt16();
        int height = entry.ReadUInt16();
        return (entry.BoxType, width, height);
    }

    private static Mp4BoxReader Require(List<Mp4BoxReader> boxes, string type, string parentType) =>
        Mp4BoxReader.Find(boxes, type) ?? throw new Mp4FormatException($"no '{type}' box in '{parentType}'");
}
