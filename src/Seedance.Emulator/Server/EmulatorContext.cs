using System;
using System.Collections.Specialized;
using System.IO;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Seedance.Emulator.Faults;

namespace Seedance.Emulator.Server;

/// <summary>One request as a twin sees it: the path below the twin's prefix, the body, and ways to answer.</summary>
public sealed class EmulatorContext
{
    private readonly HttpListenerContext _inner;

    internal EmulatorContext(HttpListenerContext inner, string path, Uri twinBase)
    {
        _inner = inner;
        Path = path;
        TwinBase = twinBase;
    }

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
        using var reader = new StreamReader(_inner.Request.InputStream, Encoding.UTF8);
        return await reader.ReadToEndAsync().ConfigureAwait(false);
    }

    /// <summary>The body as a multipart form (upload endpoints); null when it is not multipart/form-data.</summary>
    public Task<MultipartForm?> ReadFormAsync() => MultipartForm.ReadAsync(Header("Content-Type"), _inner.Request.InputStream);

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

    public void SetHeader(string name, string value) => _inner.Response.Headers[name] = value;

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
