namespace Seedance.Emulator.Media;

/// <summary>
/// Turns an RBSP into a NAL unit: the one-byte header, then the payload with emulation prevention bytes, so that
/// no payload ever contains a pattern a byte-stream reader would take for a start code (H.264 clause 7.4.1).
/// </summary>
internal static class NalUnit
{
    public const int SliceType = 1;
    public const int IdrSliceType = 5;
    public const int SequenceParameterSetType = 7;
    public const int PictureParameterSetType = 8;

    /// <param name="nalRefIdc">Zero for pictures nothing refers to; any of 1..3 otherwise.</param>
    public static byte[] Build(int nalRefIdc, int nalUnitType, byte[] rbsp)
    {
        var nal = new List<byte>(rbsp.Length + 8) { Header(nalRefIdc, nalUnitType) };
        AppendEscaped(rbsp, nal);
        return nal.ToArray();
    }

    public static byte Header(int nalRefIdc, int nalUnitType) => (byte)((nalRefIdc << 5) | nalUnitType);

    /// <summary>
    /// Copies <paramref name="rbsp"/> inserting 0x03 wherever two zero bytes would otherwise be followed by a byte
    /// of 0x03 or less. The spec's extra rule for an RBSP ending in a zero byte never applies here: every RBSP this
    /// writer escapes either ends with rbsp_trailing_bits (a non-zero byte) or, for the head of an I_PCM slice, is
    /// followed by PCM samples, which are all above 3.
    /// </summary>
    public static void AppendEscaped(byte[] rbsp, List<byte> destination)
    {
        int zeroRun = 0;
        foreach (byte value in rbsp)
        {
            if (zeroRun >= 2 && value <= 3)
            {
                destination.Add(3);
                zeroRun = 0;
            }

            destination.Add(value);
            zeroRun = value == 0 ? zeroRun + 1 : 0;
        }
    }
}
