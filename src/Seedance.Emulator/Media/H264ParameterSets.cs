namespace Seedance.Emulator.Media;

/// <summary>
/// The sequence and picture parameter sets of the synthetic stream: Constrained Baseline, CAVLC, one reference
/// frame (each key frame; the frames between are not references), picture order counted in every slice, and VUI
/// timing so demuxers and players report the frame rate.
/// </summary>
internal static class H264ParameterSets
{
    public const int ProfileIdc = 66;

    /// <summary>constraint_set0_flag and constraint_set1_flag: Baseline that Main decoders accept, i.e. Constrained Baseline.</summary>
    public const int ConstraintFlags = 0b1100_0000;

    /// <summary>log2_max_frame_num_minus4 = 0: frame_num counts modulo 16 and takes 4 bits in every slice header.</summary>
    public const int FrameNumBits = 4;

    /// <summary>
    /// log2_max_pic_order_cnt_lsb_minus4 = 12: pic_order_cnt_lsb takes 16 bits. Every frame's order is counted from
    /// its key frame (two per frame), and must stay under half the range, which bounds the frames per key frame.
    /// </summary>
    public const int PictureOrderBits = 16;

    /// <summary>The most frames from one key frame to the next that the picture order count can tell apart.</summary>
    public const int MaxFramesPerKeyframe = (1 << (PictureOrderBits - 1)) / 2 - 1;

    public static byte[] BuildSequenceParameterSet(H264Geometry geometry, int levelIdc, int framesPerSecond)
    {
        var bits = new BitWriter();
        bits.WriteBits(ProfileIdc, 8);
        bits.WriteBits(ConstraintFlags, 8);
        bits.WriteBits((uint)levelIdc, 8);
        bits.WriteUnsignedExpGolomb(0); // seq_parameter_set_id
        bits.WriteUnsignedExpGolomb(FrameNumBits - 4); // log2_max_frame_num_minus4
        // Type 2 (output order from frame_num) forbids consecutive non-reference frames, which this stream is made of.
        bits.WriteUnsignedExpGolomb(0); // pic_order_cnt_type
        bits.WriteUnsignedExpGolomb(PictureOrderBits - 4); // log2_max_pic_order_cnt_lsb_minus4
        bits.WriteUnsignedExpGolomb(1); // max_num_ref_frames: every frame predicts from its key frame only
        bits.WriteBit(false); // gaps_in_frame_num_value_allowed_flag
        bits.WriteUnsignedExpGolomb((uint)geometry.WidthInMacroblocks - 1);
        bits.WriteUnsignedExpGolomb((uint)geometry.HeightInMacroblocks - 1);
        bits.WriteBit(true); // frame_mbs_only_flag
        bits.WriteBit(true); // direct_8x8_inference_flag
        bits.WriteBit(geometry.NeedsCropping); // frame_cropping_flag
        if (geometry.NeedsCropping)
        {
            bits.WriteUnsignedExpGolomb(0); // left
            bits.WriteUnsignedExpGolomb((uint)geometry.CropRightUnits);
            bits.WriteUnsignedExpGolomb(0); // top
            bits.WriteUnsignedExpGolomb((uint)geometry.CropBottomUnits);
        }

        bits.WriteBit(true); // vui_parameters_present_flag
        WriteVideoUsabilityInformation(bits, framesPerSecond);
        bits.WriteTrailingBits();
        return NalUnit.Build(3, NalUnit.SequenceParameterSetType, bits.ToArray());
    }

    public static byte[] BuildPictureParameterSet()
    {
        var bits = new BitWriter();
        bits.WriteUnsignedExpGolomb(0); // pic_parameter_set_id
        bits.WriteUnsignedExpGolomb(0); // seq_parameter_set_id
        bits.WriteBit(false); // entropy_coding_mode_flag: CAVLC
        bits.WriteBit(false); // bottom_field_pic_order_in_frame_present_flag
        bits.WriteUnsignedExpGolomb(0); // num_slice_groups_minus1
        bits.WriteUnsignedExpGolomb(0); // num_ref_idx_l0_default_active_minus1
        bits.WriteUnsignedExpGolomb(0); // num_ref_idx_l1_default_active_minus1
        bits.WriteBit(false); // weighted_pred_flag
        bits.WriteBits(0, 2); // weighted_bipred_idc
        bits.WriteSignedExpGolomb(0); // pic_init_qp_minus26
        bits.WriteSignedExpGolomb(0); // pic_init_qs_minus26
        bits.WriteSignedExpGolomb(0); // chroma_qp_index_offset
        bits.WriteBit(true); // deblocking_filter_control_present_flag: lets each slice switch the filter off
        bits.WriteBit(false); // constrained_intra_pred_flag
        bits.WriteBit(false); // redundant_pic_cnt_present_flag
        bits.WriteTrailingBits();
        return NalUnit.Build(3, NalUnit.PictureParameterSetType, bits.ToArray());
    }

    private static void WriteVideoUsabilityInformation(BitWriter bits, int framesPerSecond)
    {
        bits.WriteBit(true); // aspect_ratio_info_present_flag
        bits.WriteBits(1, 8); // aspect_ratio_idc 1: square samples
        bits.WriteBit(false); // overscan_info_present_flag
        bits.WriteBit(false); // video_signal_type_present_flag
        bits.WriteBit(false); // chroma_loc_info_present_flag

        // A frame is two field ticks, so time_scale / num_units_in_tick = 2 x frame rate.
        bits.WriteBit(true); // timing_info_present_flag
        bits.WriteBits(1, 32); // num_units_in_tick
        bits.WriteBits((uint)(2 * framesPerSecond), 32); // time_scale
        bits.WriteBit(true); // fixed_frame_rate_flag

        bits.WriteBit(false); // nal_hrd_parameters_present_flag
        bits.WriteBit(false); // vcl_hrd_parameters_present_flag
        bits.WriteBit(false); // pic_struct_present_flag

        // Telling the decoder there is no reordering lets it output each frame as soon as it is decoded.
        bits.WriteBit(true); // bitstream_restriction_flag
        bits.WriteBit(true); // motion_vectors_over_pic_boundaries_flag
        bits.WriteUnsignedExpGolomb(0); // max_bytes_per_pic_denom: no limit
        bits.WriteUnsignedExpGolomb(0); // max_bits_per_mb_denom: no limit
        bits.WriteUnsignedExpGolomb(16); // log2_max_mv_length_horizontal
        bits.WriteUnsignedExpGolomb(16); // log2_max_mv_length_vertical
        bits.WriteUnsignedExpGolomb(0); // max_num_reorder_frames
        bits.WriteUnsignedExpGolomb(1); // max_dec_frame_buffering
    }
}
