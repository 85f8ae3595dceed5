namespace Seedance.Media;

/// <summary>
/// An image ready for the wire: a URL, or the checked bytes of a local file or a data: URI. Local bytes travel
/// inline as a data: URI, or are uploaded first where the provider needs that, after which they travel as the
/// upload's URL.
/// </summary>
public sealed class PreparedImage : ILocalFile
{
    private PreparedImage(string wireValue, string source, string fileName, string? mediaType, byte[]? content, int? width, int? height)
    {
        WireValue = wireValue;
        Source = source;
        FileName = fileName;
        MediaType = mediaType;
        Content = content;
        Width = width;
        Height = height;
    }

    /// <summary>What goes into the request body: a URL or a data: URI.</summary>
    public string WireValue { get; }

    /// <summary>Where it came from (a path, a URL without its query, or a data: URI cut short), for messages and file names.</summary>
    public string Source { get; }

    /// <summary>image/jpeg or image/png for local images; null for URLs, which are not fetched.</summary>
    public string? MediaType { get; }

    /// <summary>The checked bytes, for local images (null for URLs).</summary>
    public byte[]? Content { get; }

    public long? Length => Content?.LongLength;

    /// <summary>The pixel width read from the image's header; null for URLs.</summary>
    public int? Width { get; }

    /// <summary>The pixel height read from the image's header; null for URLs.</summary>
    public int? Height { get; }

    /// <summary>True while a local image is still to travel inline (not yet uploaded).</summary>
    public bool IsInlineData => WireValue.StartsWith("data:", StringComparison.Ordinal);

    /// <summary>The name an upload is given: the file's own name, or image.png / image.jpg for a data: URI.</summary>
    public string FileName { get; }

    public static PreparedImage FromUrl(Uri url) => new(url.OriginalString, url.GetLeftPart(UriPartial.Path), System.IO.Path.GetFileName(url.AbsolutePath), null, null, null, null);

    /// <summary>Checked bytes, sent as a data: URI of the type their content has (not the type a name or a data: URI claimed).</summary>
    public static PreparedImage FromContent(string source, string fileName, ImageStructure structure, byte[] content) =>
        new($"data:{structure.MediaType};base64,{Convert.ToBase64String(content)}", source, fileName, structure.MediaType, content, structure.Width, structure.Height);

    /// <summary>The same image, now to be referred to by the URL it was uploaded to.</summary>
    public PreparedImage UploadedTo(Uri url) => new(url.AbsoluteUri, Source, FileName, MediaType, null, Width, Height);

    public override string ToString() => Source;
}
