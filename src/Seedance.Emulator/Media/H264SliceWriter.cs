using Seedance.Emulator.Media.Motion;
using Seedance.Emulator.Media.Pictures;

namespace Seedance.Emulator.Media;

/// <summary>
/// Writes the kinds of picture the synthetic stream is made of, each as a single-slice NAL unit:
/// IDR pictures whose macroblocks are all I_PCM (raw samples, nothing to transform or entropy-code), their compact
/// form for videos that must be small (a mosaic: one level of luma a macroblock, a few bits each), and
/// non-reference P pictures predicted from the key frame alone, each macroblock by one motion vector and no residual
/// (so a frame costs a few bits a macroblock however far the camera has moved).
/// </summary>
internal sealed class H264SliceWriter
{
    private const uint PcmMacroblockType = 25; // mb_type I_PCM in an I slice (Table 7-11)
    private const uint PredictedMacroblockType = 0; // mb_type P_L0_16x16 in a P slice (Table 7-13)
    private const uint NoResidual = 0; // coded_block_pattern 0, whose inter code number is 0 (Table 9-4)
    private const int SamplesPerMacroblock = (16 * 16) + (2 * 8 * 8); // luma, then Cb, then Cr, 8 bits each
    private const byte StopBitByte = 0x80; // rbsp_slice_trailing_bits after the last macroblock
    private const uint MosaicMacroblockType = 3; // mb_type I_16x16_2_0_0: DC prediction, no AC, no chroma residual
    private const uint DcChromaPrediction = 0; // intra_chroma_pred_mode DC

    // At QP 28 a lone Intra16x16 DC level L adds exactly L to every luma sample of its macroblock (clause 8.5.10:
    // (L x 16 x 16 + 2) >> 2 = 64L, then (64L + 32) >> 6 = L), so the mosaic is coded without rounding.
    private const int MosaicQp = 28;
    private const int InitialQp = 26; // pic_init_qp_minus26 is 0

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
    /// Streams the key frame's NAL unit one macroblock row at a time. No emulation prevention is needed past the
    /// head because every sample is above 3 (see <see cref="FramePicture"/>) and the only zero byte, the one after
    /// each mb_type, sits between two non-zero bytes.
    /// </summary>
    public void WriteIdrSlice(Stream output, int keyframeIndex, FramePicture picture)
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

    /// <summary>
    /// The compact key frame: every macroblock Intra 16x16 with DC prediction and only the DC of its DC coded, so each
    /// is one flat level of luma (the level of <paramref name="mosaic"/> there, see <see cref="FramePicture.Mosaic"/>)
    /// over grey chroma, at a few bits a macroblock. The level coded is the difference from what the neighbours
    /// predict (the mean of the upper and left ones, either alone, or 128), so the picture comes out exactly.
    /// </summary>
    public byte[] BuildMosaicIdrSlice(int keyframeIndex, FramePicture mosaic)
    {
        var bits = new BitWriter();
        WriteSliceHeader(bits, isIdr: true, pictureOrder: 0, idrPicId: keyframeIndex % 2, qpDelta: MosaicQp - InitialQp);
        int width = _geometry.WidthInMacroblocks;
        int LevelAt(int column, int row) => mosaic.Luma[(row * 16 * mosaic.LumaWidth) + (column * 16)];
        for (int macroblock = 0; macroblock < _geometry.MacroblockCount; macroblock++)
        {
            int column = macroblock % width;
            int row = macroblock / width;
            int predicted = (column > 0, row > 0) switch
            {
                (true, true) => (LevelAt(column - 1, row) + LevelAt(column, row - 1) + 1) >> 1,
                (true, false) => LevelAt(column - 1, row),
                (false, true) => LevelAt(column, row - 1),
                _ => FramePicture.Grey,
            };

            bits.WriteUnsignedExpGolomb(MosaicMacroblockType);
            bits.WriteUnsignedExpGolomb(DcChromaPrediction);
            bits.WriteSignedExpGolomb(0); // mb_qp_delta
            WriteLoneDcLevel(bits, LevelAt(column, row) - predicted);
        }

        bits.WriteTrailingBits();
        return NalUnit.Build(3, NalUnit.IdrSliceType, bits.ToArray());
    }

    /// <summary>
    /// A P picture that nothing refers to, predicted from the key frame by <paramref name="field"/>. A still field
    /// is one run of skipped macroblocks (each a copy of the key frame, as every neighbour's vector is zero).
    /// </summary>
    /// <param name="framesSinceKeyframe">Counts the picture order, which players show frames in.</param>
    public byte[] BuildPredictedSlice(MotionField field, int framesSinceKeyframe)
    {
        var bits = new BitWriter();
        WriteSliceHeader(bits, isIdr: false, pictureOrder: 2 * framesSinceKeyframe, idrPicId: 0);
        if (field.IsStill)
        {
            bits.WriteUnsignedExpGolomb((uint)_geometry.MacroblockCount); // mb_skip_run covering the whole picture
        }
        else
        {
            var predictor = new MotionVectorPredictor(_geometry);
            for (int macroblock = 0; macroblock < _geometry.MacroblockCount; macroblock++)
            {
                // Vectors are coded in quarter samples, as the difference from what the neighbours predict.
                int x = field.X[macroblock] * 4;
                int y = field.Y[macroblock] * 4;
                var (predictedX, predictedY) = predictor.Predict(macroblock);
                predictor.Record(macroblock, x, y);
                bits.WriteUnsignedExpGolomb(0); // mb_skip_run
                bits.WriteUnsignedExpGolomb(PredictedMacroblockType);
                bits.WriteSignedExpGolomb(x - predictedX); // mvd_l0 x
                bits.WriteSignedExpGolomb(y - predictedY); // mvd_l0 y
                bits.WriteUnsignedExpGolomb(NoResidual);
            }
        }

        bits.WriteTrailingBits();
        return NalUnit.Build(0, NalUnit.SliceType, bits.ToArray());
    }

    /// <summary>
    /// The NAL header, slice header and first macroblock's type and alignment, escaped: everything of an IDR
    /// slice that is not raw samples or the fixed bytes between them.
    /// </summary>
    private static byte[] BuildIdrSliceHead(int keyframeIndex)
    {
        var bits = new BitWriter();

        // Two IDR pictures in a row must carry different idr_pic_id values (7.4.3); alternating 0 and 1 suffices.
        WriteSliceHeader(bits, isIdr: true, pictureOrder: 0, idrPicId: keyframeIndex % 2);
        bits.WriteUnsignedExpGolomb(PcmMacroblockType);
        bits.AlignWithZeros(); // pcm_alignment_zero_bit

        var head = new List<byte> { NalUnit.Header(3, NalUnit.IdrSliceType) };
        NalUnit.AppendEscaped(bits.ToArray(), head);
        return head.ToArray();
    }

    /// <summary>
    /// An Intra16x16DCLevel block in CAVLC (clause 9.2) whose only non-zero coefficient is the first, given that no
    /// neighbouring block has coefficients (nC = 0: every macroblock of the mosaic codes its DC alone).
    /// </summary>
    private static void WriteLoneDcLevel(BitWriter bits, int level)
    {
        if (level == 0)
        {
            bits.WriteBit(true); // coeff_token: no coefficients
            return;
        }

        if (level is 1 or -1)
        {
            bits.WriteBits(0b01, 2); // coeff_token: one coefficient, a trailing one
            bits.WriteBit(level < 0); // trailing_ones_sign_flag
        }
        else
        {
            bits.WriteBits(0b000101, 6); // coeff_token: one coefficient, not a trailing one

            // suffixLength 0; the decoder adds 2 to the first level after fewer than three trailing ones.
            int levelCode = (level > 0 ? (2 * level) - 2 : (-2 * level) - 1) - 2;
            if (levelCode < 14)
            {
                WriteLevelPrefix(bits, levelCode);
            }
            else if (levelCode < 30)
            {
                WriteLevelPrefix(bits, 14);
                bits.WriteBits((uint)(levelCode - 14), 4); // level_suffix
            }
            else
            {
                WriteLevelPrefix(bits, 15);
                bits.WriteBits((uint)(levelCode - 30), 12); // level_suffix
            }
        }

        bits.WriteBit(true); // total_zeros 0: the coefficient is the first in scan order
    }

    private static void WriteLevelPrefix(BitWriter bits, int prefix)
    {
        for (int i = 0; i < prefix; i++)
        {
            bits.WriteBit(false);
        }

        bits.WriteBit(true);
    }

    private static void WriteSliceHeader(BitWriter bits, bool isIdr, int pictureOrder, int idrPicId, int qpDelta = 0)
    {
        bits.WriteUnsignedExpGolomb(0); // first_mb_in_slice
        bits.WriteUnsignedExpGolomb(isIdr ? 7u : 5u); // slice_type I or P, +5: every slice of the picture has it
        bits.WriteUnsignedExpGolomb(0); // pic_parameter_set_id

        // The key frame is the only reference, so every frame after it carries the next frame_num.
        bits.WriteBits(isIdr ? 0u : 1u, H264ParameterSets.FrameNumBits);
        if (isIdr)
        {
            bits.WriteUnsignedExpGolomb((uint)idrPicId);
        }

        bits.WriteBits((uint)pictureOrder, H264ParameterSets.PictureOrderBits); // pic_order_cnt_lsb
        if (isIdr)
        {
            // dec_ref_pic_marking(): the key frame is a short-term reference; P frames (nal_ref_idc 0) have none.
            bits.WriteBit(false); // no_output_of_prior_pics_flag
            bits.WriteBit(false); // long_term_reference_flag
        }
        else
        {
            bits.WriteBit(false); // num_ref_idx_active_override_flag
            bits.WriteBit(false); // ref_pic_list_modification_flag_l0
        }

        bits.WriteSignedExpGolomb(qpDelta); // slice_qp_delta
        bits.WriteUnsignedExpGolomb(1); // disable_deblocking_filter_idc: no residual, so nothing to smooth
    }

    private static int WritePcmSamples(FramePicture picture, int macroblockX, int macroblockY, byte[] destination, int offset)
    {
        for (int y = macroblockY * 16; y < (macroblockY * 16) + 16; y++)
        {
            Array.Copy(picture.Luma, (y * picture.LumaWidth) + (macroblockX * 16), destination, offset, 16);
            offset += 16;
        }

        foreach (byte[] plane in new[] { picture.Blue, picture.Red })
        {
            for (int y = macroblockY * 8; y < (macroblockY * 8) + 8; y++)
            {
                Array.Copy(plane, (y * picture.ChromaWidth) + (macroblockX * 8), destination, offset, 8);
                offset += 8;
            }
        }

        return offset;
    }
}
