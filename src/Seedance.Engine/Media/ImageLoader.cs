using Seedance.Http;

namespace Seedance.Media;

/// <summary>
/// Turns an <see cref="ImageInput"/> into a <see cref="PreparedImage"/>. URLs pass through once their scheme is
/// checked (https, or http on this machine). Local files and data: URIs are read (a file never past the size limit,
/// so an endless device cannot fill the memory) and must be a whole JPEG or PNG by their content; their bytes then
/// travel inline or are uploaded.
/// </summary>
public static class ImageLoader
{
    private const int ChunkBytes = 81920;

    public static PreparedImage Load(ImageInput input, long maxBytes, string parameterName)
    {
        if (input.DataUri is { } dataUri)
        {
            return FromDataUri(dataUri, maxBytes, parameterName);
        }

        return input.IsFile ? FromFile(input.LocalPath!, maxBytes, parameterName) : FromUrl(input.Uri!, parameterName);
    }

    /// <summary>
    /// The stream's bytes when there are at most <paramref name="maxBytes"/>; null when there are more, found out by
    /// reading one byte past the limit and no further.
    /// </summary>
    internal static byte[]? ReadAtMost(Stream stream, long maxBytes)
    {
        using var content = new MemoryStream();
        var buffer = new byte[ChunkBytes];
        while (true)
        {
            var read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, maxBytes + 1 - content.Length));
            if (read == 0)
            {
                return content.ToArray();
            }

            content.Write(buffer, 0, read);
            if (content.Length > maxBytes)
            {
                return null;
            }
        }
    }

    private static PreparedImage FromUrl(Uri url, string parameterName)
    {
        if (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)
        {
            // Shown without any user:password part.
            var shown = $"{url.Scheme}://{url.Host}{url.AbsolutePath}";
            var advice = url.IsFile ? $"For a file on this machine, give its path: {url.LocalPath}" : "Download it and give its path, or give an https:// URL to it";
            throw Invalid(ErrorIds.ImageUriSchemeNotSupported, parameterName, $"-{parameterName} '{shown}' is neither a file path nor an http(s) URL, and providers fetch images only over https. {advice}.");
        }

        UriPolicy.RequireSafe(url, "-" + parameterName, ErrorIds.ImageUrlInsecure);
        return PreparedImage.FromUrl(url);
    }

    private static PreparedImage FromFile(string localPath, long maxBytes, string parameterName)
    {
        var path = Path.GetFullPath(localPath);
        if (Directory.Exists(path))
        {
            throw Invalid(ErrorIds.ImageIsDirectory, parameterName, $"-{parameterName} '{path}' is a folder. Give an image file, or pipe the folder's files: Get-ChildItem '{path}' -File | New-SeedanceVideo ...");
        }

        if (!File.Exists(path))
        {
            throw Invalid(ErrorIds.ImageNotFound, parameterName, $"-{parameterName} '{path}' does not exist. Check the path, or give an http(s) URL.");
        }

        byte[]? bytes;
        try
        {
            var length = new FileInfo(path).Length;
            if (length > maxBytes)
            {
                throw Invalid(ErrorIds.ImageTooLarge, parameterName, $"-{parameterName} '{path}' is {Megabytes(length)}; the limit is {Megabytes(maxBytes)}. Resize or recompress it, or pass an http(s) URL to it instead.");
            }

            // A device such as /dev/zero reports no length and never ends: read it to the limit and no further.
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
            bytes = ReadAtMost(file, maxBytes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SeedanceException(SeedanceErrorCategory.FileSystem, ErrorIds.ImageUnreadable,
                $"-{parameterName} '{path}' cannot be read: {ex.Message}", ex) { ParameterName = parameterName };
        }

        return bytes is null
            ? throw Invalid(ErrorIds.ImageTooLarge, parameterName, $"-{parameterName} '{path}' goes on past the limit of {Megabytes(maxBytes)} without ending: it is a device or a stream, not an image file. Give an image file, or pass an http(s) URL to it instead.")
            : Checked(path, Path.GetFileName(path), bytes, parameterName);
    }

    /// <summary>
    /// A data: URI is taken like a file: decoded, checked by its content, and sent on as the provider takes local
    /// images (inline, re-encoded with the type its content has, or uploaded).
    /// </summary>
    private static PreparedImage FromDataUri(string dataUri, long maxBytes, string parameterName)
    {
        var shown = ImageInput.ShortDataUri(dataUri);
        var comma = dataUri.IndexOf(',');
        if (comma < 0 || !dataUri.Substring(0, comma).EndsWith(";base64", StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid(ErrorIds.ImageDataUriInvalid, parameterName, $"-{parameterName} '{shown}' is a data: URI without base64 content. Give it as data:image/png;base64,<the image in base64>, or give the file's path.");
        }

        // Base64 takes 4 characters for 3 bytes; the slack allows for line breaks. Nothing that large is decoded.
        var payloadLength = dataUri.Length - comma - 1;
        var tooLarge = $"-{parameterName} '{shown}' holds more than the limit of {Megabytes(maxBytes)}. Resize or recompress it, or pass an http(s) URL to it instead.";
        if (payloadLength > (maxBytes / 3 + 1) * 4 * 11 / 10)
        {
            throw Invalid(ErrorIds.ImageTooLarge, parameterName, tooLarge);
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(dataUri.Substring(comma + 1));
        }
        catch (FormatException)
        {
            throw Invalid(ErrorIds.ImageDataUriInvalid, parameterName, $"-{parameterName} '{shown}' is a data: URI whose base64 content cannot be decoded. Encode the image again ([Convert]::ToBase64String([IO.File]::ReadAllBytes($path))), or give the file's path.");
        }

        return bytes.LongLength > maxBytes ? throw Invalid(ErrorIds.ImageTooLarge, parameterName, tooLarge) : Checked(shown, null, bytes, parameterName);
    }

    /// <summary>The bytes as a prepared image, once their content proves them a whole JPEG or PNG.</summary>
    private static PreparedImage Checked(string source, string? fileName, byte[] bytes, string parameterName)
    {
        var structure = ImageStructure.Read(bytes);
        if (structure.MediaType is null)
        {
            throw Invalid(ErrorIds.ImageFormatNotSupported, parameterName, $"-{parameterName} '{source}' is not a JPEG or PNG image (judged by its content, not its name). Convert it to JPEG or PNG.");
        }

        if (structure.CutOffBefore is { } missing)
        {
            throw Invalid(ErrorIds.ImageTruncated, parameterName, $"-{parameterName} '{source}' is cut off: the {structure.FormatName} ends after {bytes.Length:N0} bytes, before {missing}. Copy or export the image again.");
        }

        if (structure.Damage is { } damage)
        {
            throw Invalid(ErrorIds.ImageDamaged, parameterName, $"-{parameterName} '{source}' starts like a {structure.FormatName} but is damaged: {damage}. Open it in an image editor and save it again as JPEG or PNG.");
        }

        return PreparedImage.FromContent(source, fileName ?? (structure.MediaType == "image/png" ? "image.png" : "image.jpg"), structure, bytes);
    }

    private static string Megabytes(long bytes) => $"{bytes / 1024.0 / 1024.0:0.#} MB";

    private static SeedanceException Invalid(string errorId, string parameterName, string message) =>
        new(SeedanceErrorCategory.Validation, errorId, message) { ParameterName = parameterName };
}
