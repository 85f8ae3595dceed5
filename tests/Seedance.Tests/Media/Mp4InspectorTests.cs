using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Seedance.Emulator.Media;
using Seedance.Media;

namespace Seedance.Tests.Media;

/// <summary>What the inspector must catch, and the legitimate layouts it must not mistake for damage.</summary>
public sealed class Mp4InspectorTests
{
    private static readonly byte[] Video = SyntheticVideoCases.WriteBytes(
        new SyntheticVideoSpec { Width = 640, Height = 360, DurationSeconds = 4, IncludeAudio = true, KeyframeIntervalSeconds = 2 });

    [Fact]
    public void An_empty_file_is_reported()
    {
        Mp4Info info = Inspect(Array.Empty<byte>());

        Assert.Equal(new[] { "the file is empty" }, info.Problems);
        Assert.Empty(info.Tracks);
    }

    [Fact]
    public void A_png_is_not_an_mp4()
    {
        byte[] png =
        {
            0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, // signature
            0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, // IHDR, 13 bytes
            0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00,
            0x90, 0x77, 0x53, 0xDE, // CRC
            0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82, // IEND
        };

        Assert.Equal(new[] { "not an MP4: first box is not 'ftyp'" }, Inspect(png).Problems);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(65_536)]
    public void Garbage_is_not_an_mp4(int length)
    {
        var garbage = new byte[length];
        new Random(length).NextBytes(garbage);

        Assert.Equal(new[] { "not an MP4: first box is not 'ftyp'" }, Inspect(garbage).Problems);
    }

    [Fact]
    public void Garbage_after_a_valid_ftyp_is_reported_without_throwing()
    {
        (int _, int ftypLength) = Mp4Surgery.Locate(Video, "ftyp");
        var file = new byte[ftypLength + 10_000];
        Video.AsSpan(0, ftypLength).CopyTo(file);
        new Random(3).NextBytes(file.AsSpan(ftypLength));

        Mp4Info info = Inspect(file);

        Assert.False(info.IsValid);
        Assert.NotEmpty(info.Problems);
    }

    [Fact]
    public void A_file_cut_inside_moov_is_reported_as_truncated_there()
    {
        (int moovOffset, int moovLength) = Mp4Surgery.Locate(Video, "moov");

        Mp4Info info = Inspect(Video.AsSpan(0, moovOffset + (moovLength / 2)).ToArray());

        string problem = Assert.Single(info.Problems);
        Assert.StartsWith("file ends inside the 'moov' box (declares ", problem);
    }

    [Fact]
    public void A_file_cut_inside_ftyp_is_reported_as_truncated_there()
    {
        Mp4Info info = Inspect(Video.AsSpan(0, 20).ToArray());

        Assert.Equal(new[] { "file ends inside the 'ftyp' box (declares 32 bytes, 20 present)" }, info.Problems);
    }

    [Fact]
    public void A_file_cut_inside_the_mdat_header_is_reported()
    {
        (int mdatOffset, int _) = Mp4Surgery.Locate(Video, "mdat");

        Mp4Info info = Inspect(Video.AsSpan(0, mdatOffset + 5).ToArray());

        Assert.Contains(info.Problems, problem => problem.StartsWith("file ends inside a box header at offset ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.99)]
    public void A_file_cut_inside_mdat_names_the_box_and_the_tracks_whose_data_is_missing(double keptFractionOfMdat)
    {
        (int mdatOffset, int mdatLength) = Mp4Surgery.Locate(Video, "mdat");
        int cut = mdatOffset + (int)(mdatLength * keptFractionOfMdat);

        Mp4Info info = Inspect(Video.AsSpan(0, cut).ToArray());

        Assert.False(info.IsValid);
        Assert.Equal(
            string.Create(CultureInfo.InvariantCulture, $"file ends inside the 'mdat' box (declares {mdatLength:N0} bytes, {cut - mdatOffset:N0} present)"),
            info.Problems[0]);
        Assert.Contains("sample data of track 1 lies beyond the end of the file", info.Problems);
        Assert.Equal(4, info.DurationSeconds, precision: 9); // 'moov' came first, so it was still read
    }

    [Fact]
    public void A_file_one_byte_short_is_invalid()
    {
        Mp4Info info = Inspect(Video.AsSpan(0, Video.Length - 1).ToArray());

        Assert.False(info.IsValid);
        Assert.StartsWith("file ends inside the 'mdat' box", info.Problems[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Stray_bytes_after_the_last_box_are_reported()
    {
        Mp4Info info = Inspect(Video.Concat(new byte[] { 1, 2, 3 }).ToArray());

        Assert.Equal(
            new[] { string.Create(CultureInfo.InvariantCulture, $"file ends inside a box header at offset {Video.Length:N0} (3 bytes present)") },
            info.Problems);
    }

    [Fact]
    public void A_missing_moov_is_reported()
    {
        Mp4Info info = Inspect(Mp4Surgery.RenameTopLevelBox(Video, "moov", "free"));

        Assert.Equal(new[] { "no 'moov' box" }, info.Problems);
    }

    [Fact]
    public void A_missing_mdat_is_reported()
    {
        Mp4Info info = Inspect(Mp4Surgery.RenameTopLevelBox(Video, "mdat", "free"));

        Assert.Equal(new[] { "no 'mdat' box" }, info.Problems);
    }

    [Fact]
    public void A_file_without_a_video_track_is_reported()
    {
        byte[] file = Mp4Surgery.EditMoov(Video, moov =>
        {
            Mp4Surgery.Box handler = moov.Find("trak/mdia/hdlr");
            Encoding.ASCII.GetBytes("text").CopyTo(handler.Payload, 8); // after version, flags and pre_defined
        });

        Assert.Equal(new[] { "no video track" }, Inspect(file).Problems);
    }

    [Fact]
    public void A_zero_duration_is_reported()
    {
        byte[] file = Mp4Surgery.EditMoov(Video, moov =>
            BinaryPrimitives.WriteUInt32BigEndian(moov.Find("mvhd").Payload.AsSpan(16), 0)); // version 0 duration

        Assert.Equal(new[] { "duration is zero" }, Inspect(file).Problems);
    }

    [Fact]
    public void A_chunk_offset_past_the_end_is_reported_for_its_track()
    {
        byte[] file = Mp4Surgery.EditMoov(Video, moov =>
            BinaryPrimitives.WriteUInt32BigEndian(moov.Find("trak/mdia/minf/stbl/stco").Payload.AsSpan(8), (uint)Video.Length));

        Assert.Equal(new[] { "sample data of track 1 lies beyond the end of the file" }, Inspect(file).Problems);
    }

    [Fact]
    public void Sample_tables_that_disagree_are_reported()
    {
        byte[] file = Mp4Surgery.EditMoov(Video, moov =>
        {
            byte[] sizes = moov.Find("trak/mdia/minf/stbl/stsz").Payload;
            uint count = BinaryPrimitives.ReadUInt32BigEndian(sizes.AsSpan(8));
            BinaryPrimitives.WriteUInt32BigEndian(sizes.AsSpan(8), count - 1); // one sample fewer than the chunks hold
        });

        string problem = Assert.Single(Inspect(file).Problems);
        Assert.Equal("the chunk tables of track 1 hold more samples than its 'stsz' lists (95)", problem);
    }

    [Theory]
    [InlineData(false, Mp4Surgery.MdatHeader.Compact, false)]
    [InlineData(false, Mp4Surgery.MdatHeader.LargeSize, true)]
    [InlineData(true, Mp4Surgery.MdatHeader.ToEndOfFile, true)]
    [InlineData(true, Mp4Surgery.MdatHeader.LargeSize, false)]
    public void Moov_after_mdat_64_bit_sizes_and_offsets_are_all_valid(bool moovFirst, Mp4Surgery.MdatHeader mdatHeader, bool use64BitOffsets)
    {
        Mp4Info original = Inspect(Video);

        Mp4Info info = Inspect(Mp4Surgery.Rearrange(Video, moovFirst, mdatHeader, use64BitOffsets));

        Assert.True(info.IsValid, string.Join("; ", info.Problems));
        Assert.Equal(original.DurationSeconds, info.DurationSeconds);
        Assert.Equal(
            original.Tracks.Select(track => (track.TrackId, track.CodecFourCc, track.SampleCount, track.Width, track.Height)),
            info.Tracks.Select(track => (track.TrackId, track.CodecFourCc, track.SampleCount, track.Width, track.Height)));
    }

    [Fact]
    public void A_truncated_file_with_moov_at_the_end_is_reported()
    {
        byte[] moovLast = Mp4Surgery.Rearrange(Video, moovFirst: false, Mp4Surgery.MdatHeader.Compact, use64BitOffsets: false);

        Mp4Info info = Inspect(moovLast.AsSpan(0, moovLast.Length / 2).ToArray());

        string problem = Assert.Single(info.Problems);
        Assert.StartsWith("file ends inside the 'mdat' box", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Corrupted_moov_bytes_give_problems_never_exceptions()
    {
        (int moovOffset, int moovLength) = Mp4Surgery.Locate(Video, "moov");
        var random = new Random(12345);
        for (int attempt = 0; attempt < 2_000; attempt++)
        {
            byte[] damaged = (byte[])Video.Clone();
            int flips = 1 + random.Next(4);
            for (int i = 0; i < flips; i++)
            {
                damaged[moovOffset + random.Next(moovLength)] = (byte)random.Next(256);
            }

            Mp4Info info = Inspect(damaged); // must not throw
            Assert.All(info.Problems, problem => Assert.False(string.IsNullOrWhiteSpace(problem)));
        }
    }

    [Fact]
    public void Every_cut_point_inside_moov_is_reported_without_exceptions()
    {
        (int moovOffset, int moovLength) = Mp4Surgery.Locate(Video, "moov");
        for (int cut = 1; cut < moovOffset + moovLength + 20; cut++)
        {
            Assert.False(Inspect(Video.AsSpan(0, cut).ToArray()).IsValid, $"cut at {cut}");
        }
    }

    [Fact]
    public void Inspecting_a_stream_leaves_it_open()
    {
        using var stream = new MemoryStream(Video);

        Mp4Inspector.Inspect(stream);

        Assert.True(stream.CanRead);
    }

    [Fact]
    public void A_path_is_inspected_like_a_stream()
    {
        using var file = new TempFile(".mp4");
        File.WriteAllBytes(file.Path, Video);

        Mp4Info info = Mp4Inspector.Inspect(file.Path);

        Assert.True(info.IsValid, string.Join("; ", info.Problems));
        Assert.Equal(Video.Length, info.FileLength);
    }

    private static Mp4Info Inspect(byte[] file) => Mp4Inspector.Inspect(new MemoryStream(file));
}
