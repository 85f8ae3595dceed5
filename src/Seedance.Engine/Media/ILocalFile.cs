namespace Seedance.Media;

/// <summary>A checked local input as an upload sends it: its bytes, the name it is given and its content type.</summary>
public interface ILocalFile
{
    /// <summary>Where it came from (a path, or a data: URI cut short), for messages.</summary>
    string Source { get; }

    /// <summary>The name an upload is given.</summary>
    string FileName { get; }

    /// <summary>The type its content has (image/png, video/mp4, audio/mpeg...), read from the bytes, not the name.</summary>
    string? MediaType { get; }

    /// <summary>The checked bytes; null once the file is referred to by a URL.</summary>
    byte[]? Content { get; }
}
