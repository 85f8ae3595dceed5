namespace Seedance.Emulator.Files;

/// <summary>
/// A write-only stream that passes on only bytes [skip, skip + take) of what is written to it, so a Range
/// request can be answered by generating the file from the start without buffering it.
/// </summary>
internal sealed class WindowStream : Stream
{
    private readonly Stream _inner;
    private long _skip;
    private long _take;

    public WindowStream(Stream inner, long skip, long take)
    {
        _inner = inner;
        _skip = skip;
        _take = take;
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        if (_skip > 0)
        {
            var skipped = (int)Math.Min(_skip, count);
            _skip -= skipped;
            offset += skipped;
            count -= skipped;
        }

        var passed = (int)Math.Min(_take, count);
        if (passed > 0)
        {
            _inner.Write(buffer, offset, passed);
            _take -= passed;
        }
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Flush() => _inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
