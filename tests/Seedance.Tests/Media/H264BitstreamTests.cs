using Seedance.Emulator.Media;

namespace Seedance.Tests.Media;

/// <summary>The bit-level building blocks the synthetic writer's correctness rests on.</summary>
public sealed class H264BitstreamTests
{
    [Theory]
    [InlineData(0u, new byte[] { 0b1000_0000 })] // "1"
    [InlineData(1u, new byte[] { 0b0100_0000 })] // "010"
    [InlineData(4u, new byte[] { 0b0010_1000 })] // "00101"
    [InlineData(25u, new byte[] { 0x0D, 0x00 })] // "000011010": mb_type I_PCM, as the slice writer hard-codes it
    public void Unsigned_exp_golomb_codes_match_the_spec(uint value, byte[] expected)
    {
        var bits = new BitWriter();
        bits.WriteUnsignedExpGolomb(value);
        bits.AlignWithZeros();

        Assert.Equal(expected, bits.ToArray());
    }

    [Theory]
    [InlineData(1, 0b0100_0000)] // code 1: "010"
    [InlineData(-1, 0b0110_0000)] // code 2: "011"
    [InlineData(0, 0b1000_0000)] // code 0: "1"
    public void Signed_exp_golomb_maps_positive_to_odd_and_negative_to_even_codes(int value, int expected)
    {
        var bits = new BitWriter();
        bits.WriteSignedExpGolomb(value);
        bits.AlignWithZeros();

        Assert.Equal(new[] { (byte)expected }, bits.ToArray());
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 1 }, new byte[] { 0, 0, 3, 1 })]
    [InlineData(new byte[] { 0, 0, 0, 0, 2 }, new byte[] { 0, 0, 3, 0, 0, 3, 2 })]
    [InlineData(new byte[] { 0, 0, 3, 0x80 }, new byte[] { 0, 0, 3, 3, 0x80 })]
    [InlineData(new byte[] { 0, 0, 4, 0, 1 }, new byte[] { 0, 0, 4, 0, 1 })]
    public void Emulation_prevention_breaks_every_start_code_pattern(byte[] rbsp, byte[] expected)
    {
        var escaped = new List<byte>();
        NalUnit.AppendEscaped(rbsp, escaped);

        Assert.Equal(expected, escaped);
    }

    [Fact]
    public void The_tone_aac_frame_and_its_configuration_are_the_documented_bytes()
    {
        // SCE, tag 0, global_gain 180, ONLY_LONG sine window, max_sfb 6; sections ZERO_HCB x5 and codebook 1 x1;
        // scale factor diff 0 ("0"); one pulse in band 5 at offset 0, amplitude 1; no TNS or gain control; one
        // all-zero quad ("0"); END: 69 bits.
        Assert.Equal(new byte[] { 0x01, 0x68, 0x03, 0x00, 0xA2, 0x14, 0x14, 0x02, 0x38 }, ToneAac.BuildToneFrame());

        // AAC-LC (2), 48 kHz (index 3), mono (1), GASpecificConfig all zero.
        Assert.Equal(new byte[] { 0x11, 0x88 }, ToneAac.BuildAudioSpecificConfig());
    }

    [Fact]
    public void Patterns_stay_in_video_range_and_differ_by_seed_and_key_frame()
    {
        var first = new TestPattern(seed: 1, keyframeIndex: 0);
        var nextKeyframe = new TestPattern(seed: 1, keyframeIndex: 1);
        var otherSeed = new TestPattern(seed: 2, keyframeIndex: 0);
        int differentAfterKeyframe = 0;
        int differentForSeed = 0;
        for (int y = 0; y < 64; y++)
        {
            for (int x = 0; x < 64; x++)
            {
                Assert.InRange(first.Luma(x, y), 16, 235);
                Assert.InRange(first.Blue(x, y), 16, 240);
                Assert.InRange(first.Red(x, y), 16, 240);
                differentAfterKeyframe += first.Luma(x, y) != nextKeyframe.Luma(x, y) ? 1 : 0;
                differentForSeed += first.Luma(x, y) != otherSeed.Luma(x, y) || first.Blue(x, y) != otherSeed.Blue(x, y) ? 1 : 0;
            }
        }

        Assert.True(differentAfterKeyframe > 64 * 64 / 2, $"{differentAfterKeyframe} samples changed at the key frame");
        Assert.True(differentForSeed > 64 * 64 / 2, $"{differentForSeed} samples differ between seeds");
    }
}
