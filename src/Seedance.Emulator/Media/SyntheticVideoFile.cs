using Seedance.Emulator.Media.Pictures;

namespace Seedance.Emulator.Media;

/// <summary>
/// One synthetic video, planned (every sample's size, so its exact length, and every motion-vector slice) and
/// ready to be written any number of times, whole or as its last frame.
/// </summary>
public sealed class SyntheticVideoFile
{
    private const int PaddingBufferLength = 64 * 1024;

    private readonly SyntheticVideoLayout _layout;

    internal SyntheticVideoFile(SyntheticVideoSpec spec)
    {
        _layout = SyntheticVideoLayout.Plan(spec);
    }

    /// <summary>The exact number of bytes <see cref="WriteTo"/> writes, e.g. for Content-Length.</summary>
    public long Length => _layout.TotalLength;

    /// <summary>
    /// Streams the file: 'ftyp', 'moov', then 'mdat' and any padding, in order, so <paramref name="output"/> need
    /// not be seekable. Besides the plan, one key frame's picture is held in memory at a time.
    /// </summary>
    public void WriteTo(Stream output)
    {
        if (output is null)
        {
            throw new ArgumentNullException(nameof(output));
        }

        var layout = _layout;
        output.Write(layout.FileTypeBox, 0, layout.FileTypeBox.Length);
        output.Write(layout.MovieBox, 0, layout.MovieBox.Length);
        Mp4BoxWriter.WriteHeader(output, "mdat", layout.MediaDataLength);
        var pictures = new KeyframePictures(layout);
        foreach (Mp4Chunk chunk in layout.Chunks)
        {
            if (chunk.IsAudio)
            {
                WriteAudioChunk(output, layout, chunk);
            }
            else
            {
                WriteVideoChunk(output, layout, pictures, chunk);
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

    /// <summary>
    /// The video's last frame as a PNG the size of the video, exactly as a decoder shows it: what a provider that
    /// returns the last frame (Ark's return_last_frame) serves.
    /// </summary>
    public void WriteLastFramePng(Stream output) =>
        PngFile.Write(output, new KeyframePictures(_layout).Decoded(_layout.FrameCount - 1).ToRgb());

    private static void WriteVideoChunk(Stream output, SyntheticVideoLayout layout, KeyframePictures pictures, Mp4Chunk chunk)
    {
        for (int frame = chunk.FirstSample; frame < chunk.FirstSample + chunk.SampleCount; frame++)
        {
            if (layout.BuiltSlice(frame) is { } slice)
            {
                WriteNalLength(output, slice.Length);
                output.Write(slice, 0, slice.Length);
            }
            else
            {
                WriteNalLength(output, layout.VideoSampleSizes[frame] - SyntheticVideoLayout.NalLengthPrefixLength);
                layout.Slices.WriteIdrSlice(output, layout.Frames.KeyframeOrdinal(frame), pictures.At(frame));
            }
        }
    }

    private static void WriteAudioChunk(Stream output, SyntheticVideoLayout layout, Mp4Chunk chunk)
    {
        byte[] frame = layout.AudioFrame;
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
