using System.Collections.Generic;
using System.IO;

namespace Seedance.Emulator.Media;

/// <summary>
/// Writes the two kinds of picture the synthetic stream is made of, each as a single-slice NAL unit:
/// IDR pictures whose macroblocks are all I_PCM (raw samples, nothing to transform or entropy-code), and
/// P pictures whose macroblocks are all skipped (a copy of the previous picture).
/// </summary>
internal sealed class H264SliceWriter
{
    private const uint PcmMacroblockType = 25; // mb_type I_PCM in an I slice (Table 7-11)
    private const int SamplesPerMacroblock = (16 * 16) + (2 * 8 * 8); // luma, then Cb, then Cr, 8 bits each
    private const byte StopBitByte = 0x80; // rbsp_slice_trailing_bits after the last macroblock

    // mb_type ue(25) is 000011010; once a macroblock starts on a byte boundary, it and the pcm_alignment_zero_bits
    // after it are exactly these two bytes. Every I_PCM macroblock ends byte-aligned, so all but the first start so.
    private static readonly byte[] AlignedPcmMacroblockType = { 0x0D, 0x00 };

    private readonly H264Geometry _geometry;

    public H264SliceWriter(H264Geometry geometry)
    {
        _geometry = geometry;
    }

    /// <summary>The NAL unit length of the key frame with the given index, without producing its samples.</summary>
    public int IdrSliceLength(int keyframeIndex) =>
        BuildIdrSliceHead(keyframeIndex).Length
        + (_geometry.MacroblockCount * SamplesPerMacroblock)
        + ((_geometry.MacroblockCount - 1) * AlignedPcmMacroblockType.Length)
        + 1; // StopBitByte

    /// <summary>
    /// Streams the key frame's NAL unit one macroblock row at a time, so not even one whole picture is buffered.
    /// No emulation prevention is needed past the head because every sample is above 3 (see <see cref="TestPattern"/>)
    /// and the only zero byte, the one after each mb_type, sits between two non-zero bytes.
    /// </summary>
    public void WriteIdrSlice(Stream output, int keyframeIndex, TestPattern picture)
    {
        byte[] head = BuildIdrSliceHead(keyframeIndex);
        output.Write(head, 0, head.Length);

        byte[] row = new byte[_geometry.WidthInMacroblocks * (AlignedPcmMacroblockType.Length + SamplesPerMacroblock)];
        for (int macroblockY = 0; macroblockY < _geometry.HeightInMacroblocks; macroblockY++)
        {
            int length = 0;
            for (int macroblockX = 0; macroblockX < _geometry.WidthInMacroblocks; macroblockX++)
            {
                bool isFirstMacroblock = macroblockX == 0 && macroblockY == 0;
                if (!isFirstMacroblock)
                {
                    row[length++] = AlignedPcmMacroblockType[0];
                    row[length++] = AlignedPcmMacroblockType[1];
                }

                length = WritePcmSamples(picture, macroblockX, macroblockY, row, length);
            }

            output.Write(row, 0, length);
        }

        output.WriteByte(StopBitByte);
    }

    /// <summary>A P picture of nothing but skipped macroblocks: every macroblock repeats the previous picture.</summary>
    public byte[] BuildSkippedSlice(int framesSinceKeyframe)
    {
        var bits = new BitWriter();
        WriteSliceHeader(bits, isIdr: false, frameNum: framesSinceKeyframe % (1 << H264ParameterSets.FrameNumBits), idrPicId: 0);
        bits.WriteUnsignedExpGolomb((uint)_geometry.MacroblockCount); // mb_skip_run covering the whole picture
        bits.WriteTrailingBits();
        return NalUnit.Build(2, NalUnit.SliceType, bits.ToArray());
    }

    /// <summary>
    /// The NAL header, slice header and first macroblock's type and alignment, escaped: everything of an IDR
    /// slice that is not raw samples or the fixed bytes between them.
    /// </summary>
    private static byte[] BuildIdrSliceHead(int keyframeIndex)
    {
        var bits = new BitWriter();

        // Two IDR pictures in a row must carry different idr_pic_id values (7.4.3); alternating 0 and 1 suffices.
        WriteSliceHeader(bits, isIdr: true, frameNum: 0, idrPicId: keyframeIndex % 2);
        bits.WriteUnsignedExpGolomb(PcmMacroblockType);
        bits.AlignWithZeros(); // pcm_alignment_zero_bit

        var head = new List<byte> { NalUnit.Header(3, NalUnit.IdrSliceType) };
        NalUnit.AppendEscaped(bits.ToArray(), head);
        return head.ToArray();
    }

    private static void WriteSliceHeader(BitWriter bits, bool isIdr, int frameNum, int idrPicId)
    {
        bits.WriteUnsignedExpGolomb(0); // first_mb_in_slice
        bits.WriteUnsignedExpGolomb(isIdr ? 7u : 5u); // slice_type I or P, +5: every slice of the picture has it
        bits.WriteUnsignedExpGolomb(0); // pic_parameter_set_id
        bits.WriteBits((uint)frameNum, H264ParameterSets.FrameNumBits);
        if (isIdr)
        {
            bits.WriteUnsignedExpGolomb((uint)idrPicId);
        }
        else
        {
            bits.WriteBit(false); // num_ref_idx_active_override_flag
            bits.WriteBit(false); // ref_pic_list_modification_flag_l0
        }

        // dec_ref_pic_marking(): every picture is a reference, marked by the sliding window.
        if (isIdr)
        {
            bits.WriteBit(false); // no_output_of_prior_pics_flag
            bits.WriteBit(false); // long_term_reference_flag
        }
        else
        {
            bits.WriteBit(false); // adaptive_ref_pic_marking_mode_flag
        }

        bits.WriteSignedExpGolomb(0); // slice_qp_delta
        bits.WriteUnsignedExpGolomb(1); // disable_deblocking_filter_idc: nothing here to smooth
    }

    private static int WritePcmSamples(TestPattern picture, int macroblockX, int macroblockY, byte[] destination, int offset)
    {
        int lumaLeft = macroblockX * 16;
        int lumaTop = macroblockY * 16;
        for (int y = 0; y < 16; y++)
        {
            for (int x = 0; x < 16; x++)
            {
                destination[offset++] = picture.Luma(lumaLeft + x, lumaTop + y);
            }
        }

        int chromaLeft = macroblockX * 8;
        int chromaTop = macroblockY * 8;
        for (int y = 0; y < 8; y++)
        {
            for (int x = 0; x < 8; x++)
            {
                destination[offset++] = picture.Blue(chromaLeft + x, chromaTop + y);
            }
        }

        for (int y = 0; y < 8; y++)
        {
            for (int x = 0; x < 8; x++)
            {
                destination[offset++] = picture.Red(chromaLeft + x, chromaTop + y);
            }
        }

        return offset;
    }
}
