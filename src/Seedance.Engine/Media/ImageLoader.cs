using System;
using System.IO;

namespace Seedance.Media;

/// <summary>
/// Turns an <see cref="ImageInput"/> into a <see cref="PreparedImage"/>: URLs pass through; local files are
/// checked (exists, readable, JPEG or PNG by their magic bytes, not too large) and inlined as data: URIs.
/// </summary>
public static class ImageLoader
{
    private static readonly byte[] JpegMagic = { 0xFF, 0xD8, 0xFF };
    private static readonly byte[] PngMagic = { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };

    public static PreparedImage Load(ImageInput input, long maxBytes, string parameterName)
    {
        if (!input.IsFile)
        {
            return PreparedImage.FromUrl(input.Uri!);
        }

        var path = Path.GetFullPath(input.LocalPath!);
        if (Directory.Exists(path))
        {
            throw Invalid("ImageIsDirectory", parameterName, $"-{parameterName} '{path}' is a folder. Give an image file, or pipe the folder's files: Get-ChildItem '{path}' -File | New-SeedanceVideo ...");
        }

        if (!File.Exists(path))
        {
            throw Invalid("ImageNotFound", parameterName, $"-{parameterName} '{path}' does not exist. Check the path, or give an http(s) URL.");
        }

        byte[] bytes;
        try
        {
            var length = new FileInfo(path).Length;
            if (length > maxBytes)
            {
                throw Invalid("ImageTooLarge", parameterName, $"-{parameterName} '{path}' is {Megabytes(length)}; the limit is {Megabytes(maxBytes)}. Resize or recompress it, or pass an http(s) URL to it instead.");
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SeedanceException(SeedanceErrorCategory.FileSystem, "ImageUnreadable",
                $"-{parameterName} '{path}' cannot be read: {ex.Message}", ex) { ParameterName = parameterName };
        }

        var mediaType = SniffMediaType(bytes);
        if (mediaType is null)
        {
            throw Invalid("ImageFormatNotSupported", parameterName, $"-{parameterName} '{path}' is not a JPEG or PNG image (judged by its content, not its name). Convert it to JPEG or PNG.");
        }

        return PreparedImage.FromFile(path, mediaType, bytes);
    }

    /// <summary>image/jpeg or image/png from the file's first bytes; null for anything else.</summary>
    public static string? SniffMediaType(byte[] header)
    {
        if (StartsWith(header, JpegMagic))
        {
            return "image/jpeg";
        }

        return StartsWith(header, PngMagic) ? "image/png" : null;
    }

    private static bool StartsWith(byte[] data, byte[] prefix)
    {
        if (data.Length < prefix.Length)
        {
            return false;
        }

        for (var i = 0; i < prefix.Length; i++)
        {
            if (data[i] != prefix[i])
            {
                return false;
            }
        }

        return true;
    }

    private static string Megabytes(long bytes) => $"{bytes / 1024.0 / 1024.0:0.#} MB";

    private static SeedanceException Invalid(string errorId, string parameterName, string message) =>
        new(SeedanceErrorCategory.Validation, errorId, message) { ParameterName = parameterName };
}
