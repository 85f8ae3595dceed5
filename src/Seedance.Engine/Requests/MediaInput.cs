using System.Text.RegularExpressions;

namespace Seedance;

/// <summary>A reference video or audio clip the user gives: a URL (https, or an asset:// id a provider keeps) or a local file.</summary>
public sealed class MediaInput
{
    /// <summary>"scheme://" with a scheme of two letters or more, so a Windows drive ("C:\clips") stays a path.</summary>
    private static readonly Regex UrlScheme = new("^[A-Za-z][A-Za-z0-9+.-]+://", RegexOptions.CultureInvariant);

    private MediaInput(string? localPath, Uri? uri)
    {
        LocalPath = localPath;
        Uri = uri;
    }

    /// <summary>The local file, when the clip is a file.</summary>
    public string? LocalPath { get; }

    /// <summary>The remote clip, when it is a URL or asset id (checked when the request is prepared).</summary>
    public Uri? Uri { get; }

    public bool IsFile => LocalPath is not null;

    public static MediaInput FromFile(string path) => new(path ?? throw new ArgumentNullException(nameof(path)), null);

    public static MediaInput FromUri(Uri uri) => new(null, uri ?? throw new ArgumentNullException(nameof(uri)));

    /// <summary>Reads what a user typed: a URL or asset id (any scheme://), or else a file path.</summary>
    public static MediaInput Parse(string text, string parameterName)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new SeedanceException(SeedanceErrorCategory.Validation, ErrorIds.ReferenceMediaEmpty,
                $"A -{parameterName} value is empty. Give an https URL, an asset:// id, or a file path.") { ParameterName = parameterName };
        }

        return UrlScheme.IsMatch(text) && Uri.TryCreate(text, UriKind.Absolute, out var uri) ? FromUri(uri) : FromFile(text);
    }

    public override string ToString() => LocalPath ?? Uri!.ToString();
}
