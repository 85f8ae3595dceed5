namespace Seedance.Media;

/// <summary>An image ready for the wire: a URL, or a local file's bytes as a data: URI.</summary>
public sealed class PreparedImage
{
    public PreparedImage(string wireValue, string source, string? mediaType, long? length)
    {
        WireValue = wireValue;
        Source = source;
        MediaType = mediaType;
        Length = length;
    }

    /// <summary>What goes into the request body.</summary>
    public string WireValue { get; }

    /// <summary>Where it came from (a path or URL), for messages.</summary>
    public string Source { get; }

    /// <summary>image/jpeg or image/png for local files; null for URLs, which are not fetched.</summary>
    public string? MediaType { get; }

    public long? Length { get; }

    public bool IsInlineData => WireValue.StartsWith("data:", System.StringComparison.Ordinal);

    public override string ToString() => Source;
}
