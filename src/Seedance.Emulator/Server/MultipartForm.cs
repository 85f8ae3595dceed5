using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Seedance.Emulator.Server;

/// <summary>A multipart/form-data body read into its parts, for the twins' upload endpoints.</summary>
public sealed class MultipartForm
{
    private MultipartForm(IReadOnlyDictionary<string, FormPart> parts) => Parts = parts;

    /// <summary>The parts by form field name.</summary>
    public IReadOnlyDictionary<string, FormPart> Parts { get; }

    /// <summary>Reads the request body; null when it is not multipart/form-data.</summary>
    public static async Task<MultipartForm?> ReadAsync(string? contentType, Stream body)
    {
        if (contentType is null || !MediaTypeHeaderValue.TryParse(contentType, out var mediaType) || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            return null;
        }

        var reader = new MultipartReader(boundary, body);
        var parts = new Dictionary<string, FormPart>(StringComparer.OrdinalIgnoreCase);
        MultipartSection? section;
        while ((section = await reader.ReadNextSectionAsync().ConfigureAwait(false)) is not null)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
            {
                continue;
            }

            using var content = new MemoryStream();
            await section.Body.CopyToAsync(content).ConfigureAwait(false);
            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? string.Empty;
            var fileName = HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
            parts[name] = new FormPart(content.ToArray(), section.ContentType ?? "application/octet-stream", string.IsNullOrEmpty(fileName) ? null : fileName);
        }

        return new MultipartForm(parts);
    }
}

/// <summary>One part of a multipart form: a file or a plain value.</summary>
public sealed class FormPart
{
    public FormPart(byte[] content, string contentType, string? fileName)
    {
        Content = content;
        ContentType = contentType;
        FileName = fileName;
    }

    public byte[] Content { get; }

    public string ContentType { get; }

    /// <summary>The file name, for file parts.</summary>
    public string? FileName { get; }

    public string Text => Encoding.UTF8.GetString(Content);
}
