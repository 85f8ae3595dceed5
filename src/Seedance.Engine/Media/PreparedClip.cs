namespace Seedance.Media;

/// <summary>
/// A reference video or audio clip ready for the wire: a URL or asset id as given, or the checked bytes of a local
/// file, which travel inline as a data: URI where the provider takes that, or else as the URL of their upload.
/// </summary>
public sealed class PreparedClip : ILocalFile
{
    private readonly string? _remote;

    private PreparedClip(string? remote, string source, string fileName, ClipStructure? structure, byte[]? content)
    {
        _remote = remote;
        Source = source;
        FileName = fileName;
        Structure = structure;
        Content = content;
    }

    /// <summary>What goes into the request body: the URL or asset id, or a data: URI of a local clip's bytes.</summary>
    public string WireValue => _remote ?? $"data:{MediaType};base64,{Convert.ToBase64String(Content!)}";

    public string Source { get; }

    public string FileName { get; }

    /// <summary>What a local clip's bytes are (format, length, picture); null for URLs, which are not fetched.</summary>
    public ClipStructure? Structure { get; }

    public string? MediaType => Structure?.MediaType;

    public byte[]? Content { get; }

    /// <summary>True for a local clip not yet uploaded.</summary>
    public bool IsLocal => Content is not null;

    /// <summary>The length in seconds, known for local clips only.</summary>
    public double? DurationSeconds => Structure?.DurationSeconds;

    public static PreparedClip FromRemote(string wireValue, Uri uri) =>
        new(wireValue, uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp ? uri.GetLeftPart(UriPartial.Path) : wireValue, Path.GetFileName(uri.AbsolutePath), null, null);

    public static PreparedClip FromFile(string path, ClipStructure structure, byte[] content) =>
        new(null, path, Path.GetFileName(path), structure, content);

    /// <summary>The same clip, now referred to by the URL it was uploaded to.</summary>
    public PreparedClip UploadedTo(Uri url) => new(url.AbsoluteUri, Source, FileName, Structure, null);

    public override string ToString() => Source;
}
