namespace Seedance.Emulator.Media;

/// <summary>
/// Mono AAC-LC at 48 kHz whose every frame is the same few bytes and decodes to a quiet, steady 468.75 Hz tone. The
/// bytes are derived here from the syntax of ISO/IEC 14496-3 rather than copied from an encoder, so the reasoning is
/// visible; no managed AAC encoder is kept up on NuGet (those there wrap native ffmpeg or Windows' Media Foundation),
/// and one constant frame costs nothing to repeat for any duration.
/// </summary>
/// <remarks>
/// The frame holds a single spectral line, k = <see cref="ToneLine"/>. A long block of 2048 samples with the sine
/// window, repeated every 1024 samples, overlap-adds that line into sin(α - θ(n)) with θ advancing by π k / 1024 per
/// sample: a pure tone of k x 48000 / 2048 Hz. For even k it runs a whole number of cycles (k / 2) per frame, so
/// consecutive frames join without a seam, and ffmpeg decodes the track with no errors and no clicks.
/// </remarks>
internal static class ToneAac
{
    public const int SampleRate = 48_000;
    public const int ChannelCount = 1;

    /// <summary>Every AAC-LC frame carries 1024 samples per channel.</summary>
    public const int SamplesPerFrame = 1024;

    /// <summary>The spectral line of the tone: even, so each frame holds whole cycles (468.75 Hz).</summary>
    public const int ToneLine = 20;

    /// <summary>
    /// The tone's loudness as global_gain (one step is 1.5 dB): the quantised line is scaled by 2^((gain - 100) / 4),
    /// which here comes out near -33 dBFS mean, clearly audible but quiet.
    /// </summary>
    private const int GlobalGain = 180;

    private const int AudioObjectTypeAacLc = 2;
    private const int SamplingFrequencyIndex48000 = 3;
    private const int ChannelConfigurationMono = 1;

    /// <summary>
    /// The scale-factor band whose first line is <see cref="ToneLine"/>: band 5 of a long window at 48 kHz covers
    /// lines 20 to 23 (Table 4.129, swb_offset_long_window).
    /// </summary>
    private const int ToneBand = 5;

    /// <summary>AudioSpecificConfig (1.6.2.1), the decoder configuration an 'esds' box carries.</summary>
    public static byte[] BuildAudioSpecificConfig()
    {
        var bits = new BitWriter();
        bits.WriteBits(AudioObjectTypeAacLc, 5);
        bits.WriteBits(SamplingFrequencyIndex48000, 4);
        bits.WriteBits(ChannelConfigurationMono, 4);
        bits.WriteBit(false); // GASpecificConfig frameLengthFlag: 1024-sample frames
        bits.WriteBit(false); // dependsOnCoreCoder
        bits.WriteBit(false); // extensionFlag
        return bits.ToArray();
    }

    /// <summary>
    /// One raw_data_block (4.4.2.1): a single channel element whose only non-zero spectral line is the tone's, then
    /// the END element. The line is set by pulse data (4.6.3), which adds an amplitude to one line of a coded band;
    /// the band itself codes as all zeros in codebook 1, whose all-zero quad is the one-bit codeword 0.
    /// </summary>
    public static byte[] BuildToneFrame()
    {
        var bits = new BitWriter();
        bits.WriteBits(0, 3); // id_syn_ele ID_SCE
        bits.WriteBits(0, 4); // element_instance_tag
        bits.WriteBits(GlobalGain, 8); // global_gain: the scale factor of the first coded band

        // ics_info()
        bits.WriteBit(false); // ics_reserved_bit
        bits.WriteBits(0, 2); // window_sequence ONLY_LONG_SEQUENCE
        bits.WriteBit(false); // window_shape: sine, which the tone's seamless overlap relies on
        bits.WriteBits(ToneBand + 1, 6); // max_sfb: bands 0..ToneBand
        bits.WriteBit(false); // predictor_data_present

        // section_data(): bands 0..ToneBand-1 in ZERO_HCB (nothing coded), the tone's band in codebook 1.
        bits.WriteBits(0, 4); // sect_cb ZERO_HCB
        bits.WriteBits(ToneBand, 5); // sect_len
        bits.WriteBits(1, 4); // sect_cb 1: signed quads of -1..1
        bits.WriteBits(1, 5); // sect_len

        // scale_factor_data(): the tone band's factor differs from global_gain by 0, whose codeword is the one bit 0.
        bits.WriteBit(false);

        bits.WriteBit(true); // pulse_data_present
        bits.WriteBits(0, 2); // number_pulse: one pulse
        bits.WriteBits(ToneBand, 6); // pulse_start_sfb
        bits.WriteBits(0, 5); // pulse_offset: the band's first line, ToneLine
        bits.WriteBits(1, 4); // pulse_amp: the line's quantised value becomes 1 in magnitude

        bits.WriteBit(false); // tns_data_present
        bits.WriteBit(false); // gain_control_data_present

        // spectral_data(): the tone band's 4 lines are one all-zero quad of codebook 1, the codeword 0.
        bits.WriteBit(false);

        bits.WriteBits(7, 3); // id_syn_ele ID_END
        bits.AlignWithZeros();
        return bits.ToArray();
    }
}
