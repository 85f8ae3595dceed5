using System;

namespace Seedance;

/// <summary>An image the user wants the model to start from or refer to: a local file or a URL.</summary>
public sealed class ImageInput
{
    private ImageInput(string? path, Uri? uri)
    {
        LocalPath = path;
        Uri = uri;
    }

    /// <summary>The local file, when the image is a file.</summary>
    public string? LocalPath { get; }

    /// <summary>The remote image, when the image is a URL (passed to the provider as it is).</summary>
    public Uri? Uri { get; }

    public bool IsFile => LocalPath is not null;

    public static ImageInput FromFile(string path) => new(path ?? throw new ArgumentNullException(nameof(path)), null);

    public static ImageInput FromUri(Uri uri) => new(null, uri ?? throw new ArgumentNullException(nameof(uri)));

    /// <summary>
    /// Reads what a user typed: http(s) and data: URIs stay URIs, anything else is a file path.
    /// </summary>
    public static ImageInput Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new SeedanceException(SeedanceErrorCategory.Validation, "ImageEmpty",
                "An -Image value is empty. Give a file path, a FileInfo, or an http(s) URL.") { ParameterName = "Image" };
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == "data"))
        {
            return FromUri(uri);
        }

        return FromFile(text);
    }

    public override string ToString() => LocalPath ?? Uri!.ToString();
}
