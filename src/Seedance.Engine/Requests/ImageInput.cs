using System.Text.RegularExpressions;

namespace Seedance;

/// <summary>An image the user wants the model to start from or refer to: a local file, a URL, or a data: URI.</summary>
public sealed class ImageInput
{
    /// <summary>"scheme://" with a scheme of two letters or more, so a Windows drive ("C:\shots") stays a path.</summary>
    private static readonly Regex UrlScheme = new("^[A-Za-z][A-Za-z0-9+.-]+://", RegexOptions.CultureInvariant);

    private ImageInput(string? path, Uri? uri, string? dataUri)
    {
        LocalPath = path;
        Uri = uri;
        DataUri = dataUri;
    }

    /// <summary>The local file, when the image is a file.</summary>
    public string? LocalPath { get; }

    /// <summary>The remote image, when the image is a URL (passed to the provider as it is, after its scheme is checked).</summary>
    public Uri? Uri { get; }

    /// <summary>
    /// The image inline, when it is a data: URI. Kept as text: System.Uri refuses anything over 65,519 characters,
    /// which a data: URI of a 50 KB image already is.
    /// </summary>
    public string? DataUri { get; }

    public bool IsFile => LocalPath is not null;

    public static ImageInput FromFile(string path) => new(path ?? throw new ArgumentNullException(nameof(path)), null, null);

    public static ImageInput FromUri(Uri uri) => (uri ?? throw new ArgumentNullException(nameof(uri))).Scheme == "data" ? FromDataUri(uri.OriginalString) : new(null, uri, null);

    public static ImageInput FromDataUri(string dataUri) => new(null, null, dataUri ?? throw new ArgumentNullException(nameof(dataUri)));

    /// <summary>
    /// Reads what a user typed: a data: URI, a URL (any scheme://, checked when the request is prepared), or else a
    /// file path.
    /// </summary>
    public static ImageInput Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new SeedanceException(SeedanceErrorCategory.Validation, ErrorIds.ImageEmpty,
                "An -Image value is empty. Give a file path, a FileInfo, or an http(s) URL.") { ParameterName = "Image" };
        }

        if (text.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            return FromDataUri(text);
        }

        return UrlScheme.IsMatch(text) && Uri.TryCreate(text, UriKind.Absolute, out var uri) ? FromUri(uri) : FromFile(text);
    }

    /// <summary>The path or URL; a data: URI only by its start and size, never its whole text.</summary>
    public override string ToString() => LocalPath ?? Uri?.ToString() ?? ShortDataUri(DataUri!);

    /// <summary>"data:image/png;base64,… (36 KB)": enough to tell which input a message is about.</summary>
    internal static string ShortDataUri(string dataUri)
    {
        var comma = dataUri.IndexOf(',');
        var header = dataUri.Substring(0, Math.Min(comma < 0 ? dataUri.Length : comma + 1, 60));
        var decodedBytes = (dataUri.Length - header.Length) * 3L / 4;
        return $"{header}… ({(decodedBytes < 1024 ? $"{decodedBytes} bytes" : $"{decodedBytes / 1024:N0} KB")})";
    }
}
