using System.Buffers.Binary;

namespace Seedance.Media;

/// <summary>
/// Reads a WAV or MP3 reference clip by its headers: WAV's RIFF chunks (length = data bytes / byte rate), MP3's
/// frames after any ID3v2 tag (length from a Xing/Info or VBRI frame count, or else from the constant bit rate).
/// </summary>
internal static class AudioClipReader
{
    private static readonly int[] Mpeg1Layer3Kbps = { 0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320 };
    private static readonly int[] Mpeg2Layer3Kbps = { 0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160 };
    private static readonly int[][] SampleRates = { new[] { 11025, 12000, 8000 }, Array.Empty<int>(), new[] { 22050, 24000, 16000 }, new[] { 44100, 48000, 32000 } };

    /// <summary>How far past a tag the first frame may start; encoders pad a little, never megabytes.</summary>
    private const int FrameSearchBytes = 64 * 1024;

    public static ClipStructure? Read(byte[] content, out string? problem)
    {
        if (content.Length >= 12 && Ascii(content, 0) == "RIFF" && Ascii(content, 8) == "WAVE")
        {
            return ReadWave(content, out problem);
        }

        return ReadMp3(content, out problem);
    }

    private static ClipStructure? ReadWave(byte[] content, out string? problem)
    {
        long byteRate = 0;
        for (var offset = 12; offset + 8 <= content.Length;)
        {
            var id = Ascii(content, offset);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(content.AsSpan(offset + 4));
            if (id == "fmt " && size >= 16 && offset + 16 <= content.Length)
            {
                byteRate = BinaryPrimitives.ReadUInt32LittleEndian(content.AsSpan(offset + 16));
            }
            else if (id == "data")
            {
                problem = byteRate > 0 ? null : "its 'data' chunk comes before a 'fmt ' chunk that gives the byte rate";
                // A cut-off file holds less than its header claims: count what is there.
                var present = Math.Min(size, (long)content.Length - offset - 8);
                return problem is null ? new ClipStructure("WAV", "audio/wav", present / (double)byteRate) : null;
            }

            // Chunks are padded to an even length.
            offset += 8 + (int)Math.Min(size + (size & 1), int.MaxValue - 8);
        }

        problem = "it is a RIFF/WAVE file without a 'data' chunk";
        return null;
    }

    private static ClipStructure? ReadMp3(byte[] content, out string? problem)
    {
        var start = Id3Length(content);
        var end = Math.Min(content.Length - 4, start + FrameSearchBytes);
        for (var offset = start; offset < end; offset++)
        {
            // A frame is only believed when the next frame header is where its length says (or the file ends there).
            if (Frame.TryRead(content, offset) is { } frame && (offset + frame.Length >= content.Length - 4 || Frame.TryRead(content, offset + frame.Length) is not null))
            {
                problem = null;
                var audioBytes = content.Length - offset - (HasId3v1(content) ? 128 : 0);
                var seconds = frame.FrameCountFromHeader(content, offset) is { } frames
                    ? frames * (double)frame.SamplesPerFrame / frame.SampleRate
                    : audioBytes * 8.0 / (frame.Kbps * 1000.0);
                return new ClipStructure("MP3", "audio/mpeg", seconds);
            }
        }

        problem = start > 0 ? "it has an ID3 tag but no MP3 audio frames after it" : "it is neither a RIFF/WAVE file nor MP3 audio (no ID3 tag, no MPEG audio frames)";
        return null;
    }

    /// <summary>The length of a leading ID3v2 tag: 10 header bytes, a syncsafe size, and a footer when flagged.</summary>
    private static int Id3Length(byte[] content)
    {
        if (content.Length < 10 || Ascii(content, 0, 3) != "ID3")
        {
            return 0;
        }

        var size = (content[6] & 0x7F) << 21 | (content[7] & 0x7F) << 14 | (content[8] & 0x7F) << 7 | (content[9] & 0x7F);
        var footer = (content[5] & 0x10) != 0 ? 10 : 0;
        return (int)Math.Min(content.Length, 10L + size + footer);
    }

    private static bool HasId3v1(byte[] content) => content.Length >= 128 && Ascii(content, content.Length - 128, 3) == "TAG";

    private static string Ascii(byte[] content, int offset, int length = 4) =>
        offset + length <= content.Length ? System.Text.Encoding.ASCII.GetString(content, offset, length) : string.Empty;

    /// <summary>One MPEG audio layer III frame header.</summary>
    private sealed record Frame(bool IsMpeg1, bool IsMono, int Kbps, int SampleRate, int Length)
    {
        public int SamplesPerFrame => IsMpeg1 ? 1152 : 576;

        public static Frame? TryRead(byte[] content, int offset)
        {
            if (offset < 0 || offset + 4 > content.Length || content[offset] != 0xFF || (content[offset + 1] & 0xE0) != 0xE0)
            {
                return null;
            }

            var version = (content[offset + 1] >> 3) & 3;
            var layer = (content[offset + 1] >> 1) & 3;
            var bitrateIndex = content[offset + 2] >> 4;
            var rateIndex = (content[offset + 2] >> 2) & 3;
            if (version == 1 || layer != 1 || bitrateIndex is 0 or 15 || rateIndex == 3)
            {
                return null;
            }

            var mpeg1 = version == 3;
            var kbps = (mpeg1 ? Mpeg1Layer3Kbps : Mpeg2Layer3Kbps)[bitrateIndex];
            var sampleRate = SampleRates[version][rateIndex];
            var padding = (content[offset + 2] >> 1) & 1;
            var length = (mpeg1 ? 144 : 72) * kbps * 1000 / sampleRate + padding;
            return new Frame(mpeg1, (content[offset + 3] >> 6) == 3, kbps, sampleRate, length);
        }

        /// <summary>The frame count a variable-bit-rate file states in its first frame (Xing/Info or VBRI); null when none.</summary>
        public long? FrameCountFromHeader(byte[] content, int offset)
        {
            var xing = offset + 4 + (IsMpeg1 ? (IsMono ? 17 : 32) : (IsMono ? 9 : 17));
            if (Ascii(content, xing) is "Xing" or "Info" && xing + 12 <= content.Length && (content[xing + 7] & 1) != 0)
            {
                return BinaryPrimitives.ReadUInt32BigEndian(content.AsSpan(xing + 8));
            }

            var vbri = offset + 36;
            return Ascii(content, vbri) == "VBRI" && vbri + 18 <= content.Length ? BinaryPrimitives.ReadUInt32BigEndian(content.AsSpan(vbri + 14)) : null;
        }
    }
}
