using System.Collections.Concurrent;
using System.Net;

namespace Seedance.Emulator.Files;

/// <summary>
/// The emulator's object storage for the twins' upload endpoints: files posted directly, or reserved and then
/// PUT to a pre-signed-style URL, served back at <c>/uploads/{id}/{name}</c> like a provider's CDN.
/// </summary>
public sealed class UploadedFiles
{
    private readonly Uri _root;
    private readonly ConcurrentDictionary<string, StoredFile> _files = new(StringComparer.Ordinal);

    public UploadedFiles(Uri root) => _root = root;

    public int Count => _files.Values.Count(file => file.Content is not null);

    /// <summary>Stores a file received in one request; returns its download URL.</summary>
    public Uri Store(byte[] content, string contentType, string fileName)
    {
        var id = Guid.NewGuid().ToString("N");
        _files[id] = new StoredFile(Sanitize(fileName), contentType) { Content = content };
        return UrlOf(id);
    }

    /// <summary>Reserves a slot to be filled by a PUT; returns the PUT URL and the later download URL.</summary>
    public (Uri PutUrl, Uri DownloadUrl) Reserve(string fileName, string contentType)
    {
        var id = Guid.NewGuid().ToString("N");
        _files[id] = new StoredFile(Sanitize(fileName), contentType);
        var download = UrlOf(id);
        return (new Uri(download.AbsoluteUri + "?upload=1"), download);
    }

    /// <summary>True when <paramref name="url"/> is one of ours and holds content (a provider fetching an input image).</summary>
    public bool Holds(string url) => ContentOf(url) is not null;

    /// <summary>The bytes behind one of our download URLs (an uploaded input image); null for any other URL.</summary>
    public byte[]? ContentOf(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && IdOf(uri) is { } id && _files.TryGetValue(id, out var file) ? file.Content : null;

    /// <summary>GET serves a stored file; PUT fills a reserved slot.</summary>
    public void Serve(HttpListenerContext context, string id)
    {
        var response = context.Response;
        if (!_files.TryGetValue(id, out var file))
        {
            response.StatusCode = 404;
            response.Close();
            return;
        }

        if (context.Request.HttpMethod == "PUT")
        {
            using var buffer = new MemoryStream();
            context.Request.InputStream.CopyTo(buffer);
            file.Content = buffer.ToArray();
            response.StatusCode = 200;
            response.Close();
            return;
        }

        if (file.Content is null)
        {
            response.StatusCode = 404;
            response.Close();
            return;
        }

        response.ContentType = file.ContentType;
        response.ContentLength64 = file.Content.Length;
        response.OutputStream.Write(file.Content, 0, file.Content.Length);
        response.Close();
    }

    private Uri UrlOf(string id) => new(_root, $"uploads/{id}/{Uri.EscapeDataString(_files[id].Name)}");

    private static string? IdOf(Uri uri)
    {
        var segments = uri.AbsolutePath.Trim('/').Split('/');
        return segments.Length >= 2 && segments[0] == "uploads" ? segments[1] : null;
    }

    private static string Sanitize(string fileName)
    {
        var name = Path.GetFileName(fileName);
        return string.IsNullOrWhiteSpace(name) ? "upload.bin" : name;
    }

    private sealed class StoredFile
    {
        public StoredFile(string name, string contentType)
        {
            Name = name;
            ContentType = contentType;
        }

        public string Name { get; }

        public string ContentType { get; }

        public byte[]? Content { get; set; }
    }
}
