using System.Text;

namespace Seedance.Emulator.Media;

/// <summary>
/// The metadata boxes of a synthetic file (ISO/IEC 14496-12 and -15): 'ftyp', and 'moov' with its sample tables
/// describing the samples <see cref="SyntheticVideoLayout"/> places in 'mdat'.
/// </summary>
internal static class SyntheticMp4Boxes
{
    private const int VideoTrackId = 1;
    private const int AudioTrackId = 2;
    private const ushort UndeterminedLanguage = ((('u' - 0x60) << 10) | (('n' - 0x60) << 5) | ('d' - 0x60)); // ISO 639-2 "und", packed
    private const uint FixedPointOne = 0x0001_0000; // 16.16

    public static byte[] BuildFileType()
    {
        var box = new Mp4BoxWriter();
        box.BeginBox("ftyp");
        box.WriteFourCc("isom"); // major_brand
        box.WriteUInt32(0x200); // minor_version
        foreach (string brand in new[] { "isom", "iso2", "avc1", "mp41" })
        {
            box.WriteFourCc(brand);
        }

        box.EndBox();
        return box.ToArray();
    }

    public static byte[] BuildMovie(
        SyntheticVideoLayout layout,
        IReadOnlyList<long> videoChunkOffsets,
        IReadOnlyList<long> audioChunkOffsets,
        bool use64BitOffsets)
    {
        var box = new Mp4BoxWriter();
        box.BeginBox("moov");
        WriteMovieHeader(box, layout);
        WriteVideoTrack(box, layout, videoChunkOffsets, use64BitOffsets);
        if (layout.HasAudio)
        {
            WriteAudioTrack(box, layout, audioChunkOffsets, use64BitOffsets);
        }

        box.EndBox();
        return box.ToArray();
    }

    private static void WriteMovieHeader(Mp4BoxWriter box, SyntheticVideoLayout layout)
    {
        box.BeginFullBox("mvhd", 0, 0);
        box.WriteUInt32(0); // creation_time: fixed, so the same spec always gives the same bytes
        box.WriteUInt32(0); // modification_time
        box.WriteUInt32((uint)layout.VideoTimescale);
        box.WriteUInt32((uint)layout.MovieDuration);
        box.WriteUInt32(FixedPointOne); // rate
        box.WriteUInt16(0x0100); // volume 1.0
        box.WriteZeros(2 + 8); // reserved
        WriteUnityMatrix(box);
        box.WriteZeros(6 * 4); // pre_defined
        box.WriteUInt32(layout.HasAudio ? AudioTrackId + 1u : VideoTrackId + 1u); // next_track_ID
        box.EndBox();
    }

    private static void WriteVideoTrack(Mp4BoxWriter box, SyntheticVideoLayout layout, IReadOnlyList<long> chunkOffsets, bool use64BitOffsets)
    {
        H264Geometry geometry = layout.Geometry;
        box.BeginBox("trak");
        WriteTrackHeader(box, VideoTrackId, layout.MovieDuration, volume: 0, geometry.Width, geometry.Height);
        box.BeginBox("mdia");
        WriteMediaHeader(box, (uint)layout.VideoTimescale, layout.MovieDuration);
        WriteHandler(box, "vide", "VideoHandler");
        box.BeginBox("minf");
        box.BeginFullBox("vmhd", 0, 1); // flags 1, as the spec requires of 'vmhd'
        box.WriteUInt16(0); // graphicsmode: copy
        box.WriteZeros(3 * 2); // opcolor
        box.EndBox();
        WriteDataInformation(box);

        box.BeginBox("stbl");
        box.BeginFullBox("stsd", 0, 0);
        box.WriteUInt32(1); // entry_count
        WriteAvcSampleEntry(box, layout);
        box.EndBox();

        WriteTimeToSample(box, (uint)layout.FrameCount, SyntheticVideoLayout.FrameDuration);

        box.BeginFullBox("stss", 0, 0);
        var keyframes = new List<uint>();
        for (int frame = 0; frame < layout.FrameCount; frame++)
        {
            if (layout.IsKeyframe(frame))
            {
                keyframes.Add((uint)frame + 1); // sample numbers are 1-based
            }
        }

        box.WriteUInt32((uint)keyframes.Count);
        foreach (uint sampleNumber in keyframes)
        {
            box.WriteUInt32(sampleNumber);
        }

        box.EndBox();

        WriteSampleToChunk(box, layout.VideoChunks);
        box.BeginFullBox("stsz", 0, 0);
        box.WriteUInt32(0); // sample_size 0: each sample's size follows
        box.WriteUInt32((uint)layout.FrameCount);
        foreach (int size in layout.VideoSampleSizes)
        {
            box.WriteUInt32((uint)size);
        }

        box.EndBox();
        EndTrack(box, chunkOffsets, use64BitOffsets);
    }

    /// <summary>Ends a track: its chunk offsets close the sample table, then stbl, minf, mdia and trak end.</summary>
    private static void EndTrack(Mp4BoxWriter box, IReadOnlyList<long> chunkOffsets, bool use64BitOffsets)
    {
        WriteChunkOffsets(box, chunkOffsets, use64BitOffsets);
        box.EndBox(); // stbl
        box.EndBox(); // minf
        box.EndBox(); // mdia
        box.EndBox(); // trak
    }

    /// <summary>The header every sample entry starts with (ISO/IEC 14496-12 SampleEntry).</summary>
    private static void BeginSampleEntry(Mp4BoxWriter box, string format)
    {
        box.BeginBox(format);
        box.WriteZeros(6); // reserved
        box.WriteUInt16(1); // data_reference_index
    }

    private static void WriteAvcSampleEntry(Mp4BoxWriter box, SyntheticVideoLayout layout)
    {
        BeginSampleEntry(box, "avc1");
        box.WriteZeros(2 + 2 + (3 * 4)); // pre_defined, reserved, pre_defined
        box.WriteUInt16((ushort)layout.Geometry.Width);
        box.WriteUInt16((ushort)layout.Geometry.Height);
        box.WriteUInt32(0x0048_0000); // horizresolution 72 dpi
        box.WriteUInt32(0x0048_0000); // vertresolution 72 dpi
        box.WriteUInt32(0); // reserved
        box.WriteUInt16(1); // frame_count: one picture per sample
        box.WriteZeros(32); // compressorname: empty Pascal string
        box.WriteUInt16(0x0018); // depth: colour, no alpha
        box.WriteUInt16(0xFFFF); // pre_defined -1

        // AVCDecoderConfigurationRecord (ISO/IEC 14496-15 5.3.3.1)
        box.BeginBox("avcC");
        box.WriteUInt8(1); // configurationVersion
        box.WriteUInt8(H264ParameterSets.ProfileIdc);
        box.WriteUInt8(H264ParameterSets.ConstraintFlags);
        box.WriteUInt8((byte)layout.LevelIdc);
        box.WriteUInt8(0xFC | (SyntheticVideoLayout.NalLengthPrefixLength - 1)); // reserved bits, lengthSizeMinusOne
        box.WriteUInt8(0xE0 | 1); // reserved bits, one SPS
        box.WriteUInt16((ushort)layout.SequenceParameterSet.Length);
        box.WriteBytes(layout.SequenceParameterSet);
        box.WriteUInt8(1); // one PPS
        box.WriteUInt16((ushort)layout.PictureParameterSet.Length);
        box.WriteBytes(layout.PictureParameterSet);
        box.EndBox();

        box.EndBox();
    }

    private static void WriteAudioTrack(Mp4BoxWriter box, SyntheticVideoLayout layout, IReadOnlyList<long> chunkOffsets, bool use64BitOffsets)
    {
        uint mediaDuration = (uint)(layout.AudioFrameCount * ToneAac.SamplesPerFrame);
        box.BeginBox("trak");
        WriteTrackHeader(box, AudioTrackId, layout.MovieDuration, volume: 0x0100, width: 0, height: 0);

        // Whole AAC frames overrun the video by up to one frame; the edit list presents exactly the video's length.
        box.BeginBox("edts");
        box.BeginFullBox("elst", 0, 0);
        box.WriteUInt32(1); // entry_count
        box.WriteUInt32((uint)layout.MovieDuration); // segment_duration, in movie timescale
        box.WriteUInt32(0); // media_time: from the first sample
        box.WriteUInt32(FixedPointOne); // media_rate 1.0
        box.EndBox();
        box.EndBox();

        box.BeginBox("mdia");
        WriteMediaHeader(box, ToneAac.SampleRate, mediaDuration);
        WriteHandler(box, "soun", "SoundHandler");
        box.BeginBox("minf");
        box.BeginFullBox("smhd", 0, 0);
        box.WriteUInt16(0); // balance: centre
        box.WriteUInt16(0); // reserved
        box.EndBox();
        WriteDataInformation(box);

        box.BeginBox("stbl");
        box.BeginFullBox("stsd", 0, 0);
        box.WriteUInt32(1); // entry_count
        WriteAacSampleEntry(box, layout);
        box.EndBox();
        WriteTimeToSample(box, (uint)layout.AudioFrameCount, ToneAac.SamplesPerFrame);
        WriteSampleToChunk(box, layout.AudioChunks);
        box.BeginFullBox("stsz", 0, 0);
        box.WriteUInt32((uint)layout.AudioFrame.Length); // every sample has this size, so no table follows
        box.WriteUInt32((uint)layout.AudioFrameCount);
        box.EndBox();
        EndTrack(box, chunkOffsets, use64BitOffsets);
    }

    private static void WriteAacSampleEntry(Mp4BoxWriter box, SyntheticVideoLayout layout)
    {
        BeginSampleEntry(box, "mp4a");
        box.WriteZeros(2 * 4); // reserved
        box.WriteUInt16(ToneAac.ChannelCount);
        box.WriteUInt16(16); // samplesize
        box.WriteUInt16(0); // pre_defined
        box.WriteUInt16(0); // reserved
        box.WriteUInt32((uint)ToneAac.SampleRate << 16); // samplerate, 16.16

        // ES_Descriptor (ISO/IEC 14496-1 7.2.6.5) wrapping the decoder configuration.
        int bitsPerSecond = layout.AudioFrame.Length * 8 * ToneAac.SampleRate / ToneAac.SamplesPerFrame;
        var decoderSpecificInfo = Descriptor(0x05, layout.AudioSpecificConfig);
        var decoderConfig = new List<byte>
        {
            0x40, // objectTypeIndication: MPEG-4 Audio
            (0x05 << 2) | 1, // streamType AudioStream, upStream 0, reserved 1
        };
        decoderConfig.AddRange(BigEndian(layout.AudioFrame.Length, 3)); // bufferSizeDB
        decoderConfig.AddRange(BigEndian(bitsPerSecond, 4)); // maxBitrate
        decoderConfig.AddRange(BigEndian(bitsPerSecond, 4)); // avgBitrate
        decoderConfig.AddRange(decoderSpecificInfo);
        var elementaryStream = new List<byte>();
        elementaryStream.AddRange(BigEndian(AudioTrackId, 2)); // ES_ID
        elementaryStream.Add(0); // no dependency, URL or OCR stream
        elementaryStream.AddRange(Descriptor(0x04, decoderConfig.ToArray()));
        elementaryStream.AddRange(Descriptor(0x06, new byte[] { 0x02 })); // SLConfigDescriptor: predefined for MP4

        box.BeginFullBox("esds", 0, 0);
        box.WriteBytes(Descriptor(0x03, elementaryStream.ToArray()));
        box.EndBox();
        box.EndBox();
    }

    /// <summary>A descriptor with a one-byte length, which every descriptor here is short enough for.</summary>
    private static byte[] Descriptor(byte tag, byte[] payload)
    {
        if (payload.Length > 0x7F)
        {
            throw new ArgumentException("Descriptor payload needs a multi-byte length.", nameof(payload));
        }

        var bytes = new byte[payload.Length + 2];
        bytes[0] = tag;
        bytes[1] = (byte)payload.Length;
        Array.Copy(payload, 0, bytes, 2, payload.Length);
        return bytes;
    }

    private static byte[] BigEndian(int value, int byteCount)
    {
        var bytes = new byte[byteCount];
        for (int i = 0; i < byteCount; i++)
        {
            bytes[i] = (byte)(value >> (8 * (byteCount - 1 - i)));
        }

        return bytes;
    }

    private static void WriteTrackHeader(Mp4BoxWriter box, int trackId, long duration, ushort volume, int width, int height)
    {
        box.BeginFullBox("tkhd", 0, 0x000003); // track_enabled | track_in_movie
        box.WriteUInt32(0); // creation_time
        box.WriteUInt32(0); // modification_time
        box.WriteUInt32((uint)trackId);
        box.WriteUInt32(0); // reserved
        box.WriteUInt32((uint)duration);
        box.WriteZeros(2 * 4); // reserved
        box.WriteUInt16(0); // layer
        box.WriteUInt16(0); // alternate_group
        box.WriteUInt16(volume);
        box.WriteUInt16(0); // reserved
        WriteUnityMatrix(box);
        box.WriteUInt32((uint)width << 16); // 16.16
        box.WriteUInt32((uint)height << 16);
        box.EndBox();
    }

    private static void WriteMediaHeader(Mp4BoxWriter box, uint timescale, long duration)
    {
        box.BeginFullBox("mdhd", 0, 0);
        box.WriteUInt32(0); // creation_time
        box.WriteUInt32(0); // modification_time
        box.WriteUInt32(timescale);
        box.WriteUInt32((uint)duration);
        box.WriteUInt16(UndeterminedLanguage);
        box.WriteUInt16(0); // pre_defined
        box.EndBox();
    }

    private static void WriteHandler(Mp4BoxWriter box, string handlerType, string name)
    {
        box.BeginFullBox("hdlr", 0, 0);
        box.WriteUInt32(0); // pre_defined
        box.WriteFourCc(handlerType);
        box.WriteZeros(3 * 4); // reserved
        box.WriteBytes(Encoding.UTF8.GetBytes(name));
        box.WriteUInt8(0); // null terminator
        box.EndBox();
    }

    /// <summary>One data reference meaning "in this file".</summary>
    private static void WriteDataInformation(Mp4BoxWriter box)
    {
        box.BeginBox("dinf");
        box.BeginFullBox("dref", 0, 0);
        box.WriteUInt32(1); // entry_count
        box.BeginFullBox("url ", 0, 1); // flags 1: the media data is in the same file
        box.EndBox();
        box.EndBox();
        box.EndBox();
    }

    private static void WriteTimeToSample(Mp4BoxWriter box, uint sampleCount, uint sampleDelta)
    {
        box.BeginFullBox("stts", 0, 0);
        box.WriteUInt32(1); // entry_count: every sample lasts the same
        box.WriteUInt32(sampleCount);
        box.WriteUInt32(sampleDelta);
        box.EndBox();
    }

    /// <summary>Runs of chunks holding the same number of samples, each as one entry.</summary>
    private static void WriteSampleToChunk(Mp4BoxWriter box, IReadOnlyList<Mp4Chunk> chunks)
    {
        var runs = new List<(uint FirstChunk, uint SamplesPerChunk)>();
        for (int i = 0; i < chunks.Count; i++)
        {
            if (runs.Count == 0 || runs[runs.Count - 1].SamplesPerChunk != (uint)chunks[i].SampleCount)
            {
                runs.Add(((uint)i + 1, (uint)chunks[i].SampleCount)); // chunk numbers are 1-based
            }
        }

        box.BeginFullBox("stsc", 0, 0);
        box.WriteUInt32((uint)runs.Count);
        foreach (var run in runs)
        {
            box.WriteUInt32(run.FirstChunk);
            box.WriteUInt32(run.SamplesPerChunk);
            box.WriteUInt32(1); // sample_description_index
        }

        box.EndBox();
    }

    private static void WriteChunkOffsets(Mp4BoxWriter box, IReadOnlyList<long> offsets, bool use64BitOffsets)
    {
        box.BeginFullBox(use64BitOffsets ? "co64" : "stco", 0, 0);
        box.WriteUInt32((uint)offsets.Count);
        foreach (long offset in offsets)
        {
            if (use64BitOffsets)
            {
                box.WriteUInt64((ulong)offset);
            }
            else
            {
                box.WriteUInt32((uint)offset);
            }
        }

        box.EndBox();
    }

    private static void WriteUnityMatrix(Mp4BoxWriter box)
    {
        // { 1, 0, 0,  0, 1, 0,  0, 0, 1 } with the last column in 2.30 fixed point, the rest in 16.16.
        uint[] matrix = { FixedPointOne, 0, 0, 0, FixedPointOne, 0, 0, 0, 0x4000_0000 };
        foreach (uint value in matrix)
        {
            box.WriteUInt32(value);
        }
    }
}
