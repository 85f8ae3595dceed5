namespace Seedance.Emulator.Media;

/// <summary>
/// Writes a bit string most-significant bit first, as both H.264 RBSPs and AAC raw data blocks are laid out,
/// with the exp-Golomb codes H.264 uses for most syntax elements.
/// </summary>
internal sealed class BitWriter
{
    private byte[] _bytes = new byte[32];
    private int _completeByteCount;
    private int _pendingBits;
    private int _pendingBitCount;

    public bool IsByteAligned => _pendingBitCount == 0;

    public void WriteBit(bool bit) => WriteBits(bit ? 1u : 0u, 1);

    public void WriteBits(uint value, int count)
    {
        if (count < 0 || count > 32)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "Between 0 and 32 bits at a time.");
        }

        // The pending bits (fewer than 8) and the new ones fit one 64-bit word; whole bytes leave from its top.
        ulong masked = count == 32 ? value : value & ((1u << count) - 1u);
        ulong word = ((ulong)(uint)_pendingBits << count) | masked;
        int total = _pendingBitCount + count;
        while (total >= 8)
        {
            total -= 8;
            AppendByte((byte)(word >> total));
        }

        _pendingBits = (int)(word & ((1UL << total) - 1UL));
        _pendingBitCount = total;
    }

    /// <summary>ue(v): the value plus one, in binary, preceded by as many zeros as it has bits after the first.</summary>
    public void WriteUnsignedExpGolomb(uint value)
    {
        ulong codeNumPlusOne = (ulong)value + 1;
        int bitLength = 0;
        for (ulong rest = codeNumPlusOne; rest != 0; rest >>= 1)
        {
            bitLength++;
        }

        WriteBits(0, bitLength - 1);
        WriteBits((uint)(codeNumPlusOne >> 32), bitLength > 32 ? bitLength - 32 : 0);
        WriteBits((uint)codeNumPlusOne, Math.Min(bitLength, 32));
    }

    /// <summary>se(v): positive values map to odd code numbers, negative values to even ones.</summary>
    public void WriteSignedExpGolomb(int value)
    {
        uint codeNum = value > 0 ? (2u * (uint)value) - 1u : 2u * (uint)(-(long)value);
        WriteUnsignedExpGolomb(codeNum);
    }

    public void AlignWithZeros()
    {
        if (!IsByteAligned)
        {
            WriteBits(0, 8 - _pendingBitCount);
        }
    }

    /// <summary>rbsp_trailing_bits(): a stop bit, then zeros up to the byte boundary.</summary>
    public void WriteTrailingBits()
    {
        WriteBit(true);
        AlignWithZeros();
    }

    public byte[] ToArray()
    {
        if (!IsByteAligned)
        {
            throw new InvalidOperationException("The bit string does not end on a byte boundary.");
        }

        byte[] copy = new byte[_completeByteCount];
        Array.Copy(_bytes, copy, _completeByteCount);
        return copy;
    }

    private void AppendByte(byte value)
    {
        if (_completeByteCount == _bytes.Length)
        {
            Array.Resize(ref _bytes, _bytes.Length * 2);
        }

        _bytes[_completeByteCount++] = value;
    }
}
