namespace Seedance.Media;

/// <summary>
/// Raised while parsing 'moov' when the bytes contradict the box structure; <see cref="Mp4Inspector"/> turns it
/// into a problem, so malformed input is reported rather than thrown to the caller.
/// </summary>
internal sealed class Mp4FormatException : Exception
{
    public Mp4FormatException(string message)
        : base(message)
    {
    }
}
