using System.Collections.Specialized;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Seedance.Emulator.Faults;

namespace Seedance.Emulator.Server;

/// <summary>One request as a twin sees it: the path below the twin's prefix, the body, and ways to answer.</summary>
public sealed class EmulatorContext
{
    private readonly HttpListenerContext _inner;

    /// <summary>The body, when it was read as it arrived (before a delay); null when the twin reads it from the connection.</summary>
    private readonly byte[]? _body;

    /// <summary>True for a request whose client is gone: the twin does its work, and whatever it answers goes nowhere.</summary>
    private readonly bool _detached;

    internal EmulatorContext(HttpListenerContext inner, string path, Uri twinBase)
    {
        _inner = inner;
        Path = path;
        TwinBase = twinBase;
    }

    private EmulatorContext(HttpListenerContext inner, string path, Uri twinBase, byte[] body, bool detached)
        : this(inner, path, twinBase)
    {
        _body = body;
        _detached = detached;
    }

    /// <summary>
    /// A request whose <paramref name="body"/> was read as it arrived, handled later: as a provider holds what it
    /// received whatever becomes of the connection meanwhile.
    /// </summary>
    internal static EmulatorContext ReadAhead(HttpListenerContext inner, string path, Uri twinBase, byte[] body) =>
        new(inner, path, twinBase, body, detached: false);

    /// <summary>
    /// A request whose client is gone (its connection was cut after <paramref name="body"/> was read), handled
    /// now: the twin does its work as usual, and whatever it answers goes nowhere.
    /// </summary>
    internal static EmulatorContext Detached(HttpListenerContext inner, string path, Uri twinBase, byte[] body) =>
        new(inner, path, twinBase, body, detached: true);

    public string Method => _inner.Request.HttpMethod;

    /// <summary>A fault that spoils the answer after the request was handled (dropped, cut off, malformed).</summary>
    internal FaultAction? AnswerFault { get; set; }

    /// <summary>True when a submit's task is to be finished the moment it is created (the AnswerFinished fault).</summary>
    public bool FinishesAtOnce => AnswerFault == FaultAction.AnswerFinished;

    /// <summary>The path below the twin's prefix, starting with '/', without the query.</summary>
    public string Path { get; }

    /// <summary>This twin's base address (what a client uses as the provider's base URI).</summary>
    public Uri TwinBase { get; }

    public NameValueCollection Query => _inner.Request.QueryString;

    public string? Header(string name) => _inner.Request.Headers[name];

    /// <summary>The credential after the scheme word ("Bearer x" with scheme "Bearer" gives "x"); null when absent or another scheme.</summary>
    public string? Credential(string scheme)
    {
        var header = Header("Authorization");
        if (header is null || !header.StartsWith(scheme + " ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var value = header.Substring(scheme.Length + 1).Trim();
        return value.Length == 0 ? null : value;
    }

    public async Task<string> ReadBodyAsync()
    {
        using var reader = new StreamReader(BodyStream(), Encoding.UTF8);
        return await reader.ReadToEndAsync().ConfigureAwait(false);
    }

    /// <summary>The body as a multipart form (upload endpoints); null when it is not multipart/form-data.</summary>
    public Task<MultipartForm?> ReadFormAsync() => MultipartForm.ReadAsync(Header("Content-Type"), BodyStream());

    /// <summary>Reads the whole body now, before the connection it came on is cut.</summary>
    internal static async Task<byte[]> ReadAllAsync(HttpListenerRequest request)
    {
        using var copy = new MemoryStream();
        await request.InputStream.CopyToAsync(copy).ConfigureAwait(false);
        return copy.ToArray();
    }

    private Stream BodyStream() => _body is null ? _inner.Request.InputStream : new MemoryStream(_body, writable: false);

    /// <summary>The body as a JSON object; null when it is not one.</summary>
    public static JsonObject? ParseObject(string body)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public Task RespondJsonAsync(int status, JsonNode? body) =>
        RespondAsync(status, "application/json", Encoding.UTF8.GetBytes(body?.ToJsonString() ?? "null"));

    public async Task RespondAsync(int status, string contentType, byte[] body)
    {
        if (_detached)
        {
            return;
        }

        var response = _inner.Response;
        switch (AnswerFault)
        {
            case FaultAction.DropAfterHandling:
                // The work is done (a task may exist) but the client never hears of it.
                await CutAsync(response).ConfigureAwait(false);
                return;
            case FaultAction.Malformed:
                status = 200;
                body = Encoding.UTF8.GetBytes("{\"code\":200,\"data\":{\"id\":");
                break;
        }

        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength64 = body.Length;
        if (AnswerFault == FaultAction.Truncate)
        {
            await response.OutputStream.WriteAsync(body, 0, body.Length / 2).ConfigureAwait(false);
            await response.OutputStream.FlushAsync().ConfigureAwait(false);
            response.Abort();
            return;
        }

        await response.OutputStream.WriteAsync(body, 0, body.Length).ConfigureAwait(false);
        response.Close();
    }

    public void SetHeader(string name, string value)
    {
        if (!_detached)
        {
            _inner.Response.Headers[name] = value;
        }
    }

    /// <summary>
    /// Breaks the connection mid-answer. HttpListener's Abort() alone still sends a complete empty answer on
    /// some platforms, so the answer promises a body, sends one byte of it and then aborts: the client sees the
    /// connection end before the answer did, as it would when a network path drops.
    /// </summary>
    internal static async Task CutAsync(HttpListenerResponse response)
    {
        response.StatusCode = 200;
        response.ContentType = "application/json";
        response.ContentLength64 = 1024 * 1024;
        await response.OutputStream.WriteAsync(new[] { (byte)'{' }, 0, 1).ConfigureAwait(false);
        await response.OutputStream.FlushAsync().ConfigureAwait(false);
        response.Abort();
    }

    internal HttpListenerContext Raw => _inner;
}
