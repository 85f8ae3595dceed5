using System.Buffers.Binary;

namespace Seedance.Emulator.Media;

/// <summary>
/// Writes sample reference audio of an exact length without shipping any: a silent 16-bit mono WAV, or a constant
/// bit rate MP3 (128 kb/s, 44.1 kHz) made of silent frames, which decoders such as ffprobe read like any other.
/// </summary>
public static class SampleAudio
{
    private const int WaveSampleRate = 16_000;
    private const int Mp3SampleRate = 44_100;
    private const int Mp3SamplesPerFrame = 1152;

    /// <summary>MPEG-1 layer III, 128 kb/s, 44.1 kHz, no CRC, no padding, mono.</summary>
    private static readonly byte[] Mp3FrameHeader = { 0xFF, 0xFB, 0x90, 0xC4 };

    /// <summary>144 * 128000 / 44100 bytes a frame, rounded down (the padding bit is not set).</summary>
    private const int Mp3FrameLength = 417;

    public static void WriteWav(string path, double seconds)
    {
        var dataLength = (int)Math.Round(seconds * WaveSampleRate) * 2;
        var file = new byte[44 + dataLength];
        void Text(int offset, string text) => System.Text.Encoding.ASCII.GetBytes(text).CopyTo(file, offset);
        Text(0, "RIFF");
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(4), 36 + dataLength);
        Text(8, "WAVE");
        Text(12, "fmt ");
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(16), 16);
        BinaryPrimitives.WriteInt16LittleEndian(file.AsSpan(20), 1); // PCM
        BinaryPrimitives.WriteInt16LittleEndian(file.AsSpan(22), 1); // mono
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(24), WaveSampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(28), WaveSampleRate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(file.AsSpan(32), 2);
        BinaryPrimitives.WriteInt16LittleEndian(file.AsSpan(34), 16);
        Text(36, "data");
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(40), dataLength);
        File.WriteAllBytes(path, file);
    }

    /// <summary>Silent frames: all-zero side information and main data decode as silence.</summary>
    public static void WriteMp3(string path, double seconds)
    {
        var frames = (int)Math.Ceiling(seconds * Mp3SampleRate / Mp3SamplesPerFrame);
        var file = new byte[frames * Mp3FrameLength];
        for (var frame = 0; frame < frames; frame++)
        {
            Mp3FrameHeader.CopyTo(file, frame * Mp3FrameLength);
        }

        File.WriteAllBytes(path, file);
    }
}
