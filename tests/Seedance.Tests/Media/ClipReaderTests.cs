using Seedance.Emulator.Media;
using Seedance.Media;

namespace Seedance.Tests.Media;

/// <summary>Reference clips are recognised by their bytes: MP4/MOV boxes, RIFF/WAVE chunks, ID3 tags and MPEG audio frames.</summary>
public sealed class ClipReaderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Theory]
    [InlineData(2.5)]
    [InlineData(15)]
    public void A_wave_file_is_read_for_its_length(double seconds)
    {
        var path = _folder.File("clip.wav");
        SampleAudio.WriteWav(path, seconds);

        var clip = AudioClipReader.Read(File.ReadAllBytes(path), out var problem);

        Assert.Null(problem);
        Assert.Equal("WAV", clip!.Format);
        Assert.Equal("audio/wav", clip.MediaType);
        Assert.Equal(seconds, clip.DurationSeconds, 3);
    }

    [Fact]
    public void A_constant_bit_rate_mp3_is_timed_by_its_bit_rate()
    {
        var path = _folder.File("clip.mp3");
        SampleAudio.WriteMp3(path, 6);

        var clip = AudioClipReader.Read(File.ReadAllBytes(path), out _);

        Assert.Equal("MP3", clip!.Format);
        Assert.Equal("audio/mpeg", clip.MediaType);
        // ffprobe's figure for the same file.
        Assert.Equal(5.994, clip.DurationSeconds, 2);
    }

    [Fact]
    public void An_id3_tag_before_the_frames_is_skipped()
    {
        var path = _folder.File("clip.mp3");
        SampleAudio.WriteMp3(path, 3);
        var tag = new byte[10 + 300];
        "ID3"u8.CopyTo(tag);
        tag[3] = 4;
        tag[8] = 300 >> 7;
        tag[9] = 300 & 0x7F;

        var clip = AudioClipReader.Read(tag.Concat(File.ReadAllBytes(path)).ToArray(), out _);

        Assert.Equal("MP3", clip!.Format);
        Assert.Equal(3, clip.DurationSeconds, 1);
    }

    [Fact]
    public void A_variable_bit_rate_mp3_is_timed_by_the_frame_count_its_xing_header_states()
    {
        var path = _folder.File("clip.mp3");
        SampleAudio.WriteMp3(path, 2);
        var content = File.ReadAllBytes(path);
        // Mono MPEG-1: the Xing header follows 17 bytes of side information; flags 1 = a frame count follows.
        var xing = 4 + 17;
        "Xing"u8.CopyTo(content.AsSpan(xing));
        content[xing + 7] = 1;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(content.AsSpan(xing + 8), 383);

        var clip = AudioClipReader.Read(content, out _);

        Assert.Equal(383 * 1152 / 44100.0, clip!.DurationSeconds, 3);
    }

    [Theory]
    [InlineData("not audio at all, just some text that goes on for a while")]
    [InlineData("RIFF\u0004\0\0\0WAVEjunk")]
    public void Other_bytes_are_not_audio_and_say_why(string text)
    {
        var clip = AudioClipReader.Read(System.Text.Encoding.ASCII.GetBytes(text), out var problem);

        Assert.Null(clip);
        Assert.False(string.IsNullOrEmpty(problem));
    }

    [Fact]
    public void An_mp4_is_read_for_its_length_picture_and_frame_rate()
    {
        var path = _folder.File("clip.mp4");
        using (var file = File.Create(path))
        {
            SyntheticVideo.WriteMp4(file, new SyntheticVideoSpec { Width = 864, Height = 496, DurationSeconds = 3, FramesPerSecond = 30 });
        }

        using var stream = File.OpenRead(path);
        var clip = VideoClipReader.Read(stream, out var problem);

        Assert.Null(problem);
        Assert.Equal("MP4", clip!.Format);
        Assert.Equal("video/mp4", clip.MediaType);
        Assert.Equal(3, clip.DurationSeconds, 2);
        Assert.Equal((864, 496), (clip.Width, clip.Height));
        Assert.Equal(30, clip.FramesPerSecond, 1);
    }

    [Fact]
    public void Audio_is_not_a_video()
    {
        var path = _folder.File("clip.wav");
        SampleAudio.WriteWav(path, 3);

        using var stream = File.OpenRead(path);
        var clip = VideoClipReader.Read(stream, out var problem);

        Assert.Null(clip);
        Assert.Contains("not an MP4", problem);
    }

    public void Dispose() => _folder.Dispose();
}
