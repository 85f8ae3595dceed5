namespace Seedance.Emulator.Media;

/// <summary>
/// Mono AAC-LC at 48 kHz whose every frame decodes to digital silence. The bytes are derived here from the syntax
/// of ISO/IEC 14496-3 rather than copied from an encoder, so the reasoning is visible.
/// </summary>
internal static class SilentAac
{
    public const int SampleRate = 48_000;
    public const int ChannelCount = 1;

    /// <summary>Every AAC-LC frame carries 1024 samples per channel.</summary>
    public const int SamplesPerFrame = 1024;

    private const int AudioObjectTypeAacLc = 2;
    private const int SamplingFrequencyIndex48000 = 3;
    private const int ChannelConfigurationMono = 1;

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
    /// One raw_data_block (4.4.2.1): a single channel element with no scale-factor bands (max_sfb = 0), hence no
    /// spectral coefficients at all, which the decoder turns into 1024 zero samples; then the END element.
    /// </summary>
    public static byte[] BuildSilentFrame()
    {
        var bits = new BitWriter();
        bits.WriteBits(0, 3); // id_syn_ele ID_SCE
        bits.WriteBits(0, 4); // element_instance_tag
        bits.WriteBits(0, 8); // global_gain: irrelevant, as no band uses it

        // ics_info()
        bits.WriteBit(false); // ics_reserved_bit
        bits.WriteBits(0, 2); // window_sequence ONLY_LONG_SEQUENCE
        bits.WriteBit(false); // window_shape
        bits.WriteBits(0, 6); // max_sfb: no bands, so section_data() and scale_factor_data() are empty
        bits.WriteBit(false); // predictor_data_present

        bits.WriteBit(false); // pulse_data_present
        bits.WriteBit(false); // tns_data_present
        bits.WriteBit(false); // gain_control_data_present

        bits.WriteBits(7, 3); // id_syn_ele ID_END
        bits.AlignWithZeros();
        return bits.ToArray();
    }
}
