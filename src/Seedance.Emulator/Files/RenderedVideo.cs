using Seedance.Emulator.Media;

namespace Seedance.Emulator.Files;

/// <summary>A video ready to serve: its bytes when they are kept, or its plan, rendered as it is written.</summary>
internal readonly struct RenderedVideo
{
    private readonly byte[]? _bytes;
    private readonly SyntheticVideoFile? _file;

    public RenderedVideo(byte[] bytes)
    {
        _bytes = bytes;
        _file = null;
    }

    public RenderedVideo(SyntheticVideoFile file)
    {
        _bytes = null;
        _file = file;
    }

    public long Length => _bytes?.LongLength ?? _file!.Length;

    /// <summary>Writes bytes [from, from + count) of the file.</summary>
    public void WriteTo(Stream output, long from, long count)
    {
        if (_bytes is not null)
        {
            output.Write(_bytes, (int)from, (int)count);
            return;
        }

        _file!.WriteTo(new WindowStream(output, from, count));
    }
}
