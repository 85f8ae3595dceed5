using System;

namespace Seedance.Media;

/// <summary>
/// An image ready for the wire: a URL, or a local file's checked bytes. A local image travels inline as a
/// data: URI, or is uploaded first where the provider needs that, after which it travels as the upload's URL.
/// </summary>
public sealed class PreparedImage
{
    private PreparedImage(string wireValue, string source, string? mediaType, byte[]? content)
    {
        WireValue = wireValue;
        Source = source;
        MediaType = mediaType;
        Content = content;
    }

    /// <summary>What goes into the request body: a URL or a data: URI.</summary>
    public string WireValue { get; }

    /// <summary>Where it came from (a path or a URL without its query), for messages and file names.</summary>
    public string Source { get; }

    /// <summary>image/jpeg or image/png for local files; null for URLs, which are not fetched.</summary>
    public string? MediaType { get; }

    /// <summary>The file's bytes, for local images (null for URLs).</summary>
    public byte[]? Content { get; }

    public long? Length => Content?.LongLength;

    /// <summary>True while a local image is still to travel inline (not yet uploaded).</summary>
    public bool IsInlineData => WireValue.StartsWith("data:", StringComparison.Ordinal);

    public string FileName => System.IO.Path.GetFileName(Source);

    public static PreparedImage FromUrl(Uri url) => new(url.OriginalString, url.GetLeftPart(UriPartial.Path), null, null);

    public static PreparedImage FromFile(string path, string mediaType, byte[] content) =>
        new($"data:{mediaType};base64,{Convert.ToBase64String(content)}", path, mediaType, content);

    /// <summary>The same image, now to be referred to by the URL it was uploaded to.</summary>
    public PreparedImage UploadedTo(Uri url) => new(url.AbsoluteUri, Source, MediaType, null);

    public override string ToString() => Source;
}
