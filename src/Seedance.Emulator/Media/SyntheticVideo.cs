using System;
using System.IO;

namespace Seedance.Emulator.Media;

/// <summary>
/// Writes real, decodable MP4 files (H.264 Constrained Baseline, optionally with silent AAC) without an encoder:
/// key frames carry raw samples and the frames between them repeat the last key frame.
/// </summary>
public static class SyntheticVideo
{
    private const int PaddingBufferLength = 64 * 1024;

    /// <summary>
    /// Streams the file: 'ftyp', 'moov', then 'mdat' and any padding, in order, so <paramref name="output"/> need
    /// not be seekable. At most one macroblock row of a picture and the small 'moov' are held in memory.
    /// </summary>
    public static void WriteMp4(Stream output, SyntheticVideoSpec spec)
    {
        if (output is null)
        {
            throw new ArgumentNullException(nameof(output));
        }

        var layout = new SyntheticVideoLayout(spec);
        output.Write(layout.FileTypeBox, 0, layout.FileTypeBox.Length);
        output.Write(layout.MovieBox, 0, layout.MovieBox.Length);
        Mp4BoxWriter.WriteHeader(output, "mdat", layout.MediaDataLength);
        foreach (Mp4Chunk chunk in layout.Chunks)
        {
            if (chunk.IsAudio)
            {
                WriteAudioChunk(output, layout, chunk);
            }
            else
            {
                WriteVideoChunk(output, layout, chunk);
            }
        }

        var zeros = new byte[Math.Min(PaddingBufferLength, Math.Max(layout.MediaDataSlackLength, layout.FreeBoxLength))];
        WriteZeros(output, layout.MediaDataSlackLength, zeros);
        if (layout.FreeBoxLength > 0)
        {
            int headerLength = Mp4BoxWriter.WriteHeader(output, "free", layout.FreeBoxLength);
            WriteZeros(output, layout.FreeBoxLength - headerLength, zeros);
        }
    }

    /// <summary>The exact number of bytes <see cref="WriteMp4"/> writes for <paramref name="spec"/>, e.g. for Content-Length.</summary>
    public static long ComputeLength(SyntheticVideoSpec spec) => new SyntheticVideoLayout(spec).TotalLength;

    private static void WriteVideoChunk(Stream output, SyntheticVideoLayout layout, Mp4Chunk chunk)
    {
        for (int frame = chunk.FirstSample; frame < chunk.FirstSample + chunk.SampleCount; frame++)
        {
            if (layout.IsKeyframe(frame))
            {
                WriteNalLength(output, layout.VideoSampleSizes[frame] - SyntheticVideoLayout.NalLengthPrefixLength);
                int keyframeIndex = layout.KeyframeIndexOf(frame);
                layout.Slices.WriteIdrSlice(output, keyframeIndex, new TestPattern(layout.Seed, keyframeIndex));
            }
            else
            {
                byte[] slice = layout.Slices.BuildSkippedSlice(layout.FramesSinceKeyframe(frame));
                WriteNalLength(output, slice.Length);
                output.Write(slice, 0, slice.Length);
            }
        }
    }

    private static void WriteAudioChunk(Stream output, SyntheticVideoLayout layout, Mp4Chunk chunk)
    {
        byte[] frame = layout.SilentAudioFrame;
        var bytes = new byte[chunk.SampleCount * frame.Length];
        for (int i = 0; i < chunk.SampleCount; i++)
        {
            Array.Copy(frame, 0, bytes, i * frame.Length, frame.Length);
        }

        output.Write(bytes, 0, bytes.Length);
    }

    private static void WriteNalLength(Stream output, int length)
    {
        byte[] prefix = { (byte)(length >> 24), (byte)(length >> 16), (byte)(length >> 8), (byte)length };
        output.Write(prefix, 0, prefix.Length);
    }

    private static void WriteZeros(Stream output, long count, byte[] zeros)
    {
        while (count > 0)
        {
            int length = (int)Math.Min(count, zeros.Length);
            output.Write(zeros, 0, length);
            count -= length;
        }
    }
}
