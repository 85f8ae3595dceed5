using System.Net;
using System.Text.Json;

namespace Seedance.Http;

/// <summary>A provider's answer with its body read in full (API bodies are small; videos never come here).</summary>
public sealed class ApiResponse
{
    public ApiResponse(HttpStatusCode statusCode, string body, TimeSpan? retryAfter, IReadOnlyDictionary<string, string>? headers = null)
    {
        StatusCode = statusCode;
        Body = body;
        RetryAfter = retryAfter;
        Headers = headers ?? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The answer's headers (case-insensitive names; repeated headers joined by commas).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>True when the request said this failure is the provider's final word, not to be retried.</summary>
    public bool IsFinal { get; internal set; }

    /// <summary>False when the request expects no JSON back, so a non-JSON success is no sign of a cut-off answer.</summary>
    internal bool MustBeJson { get; set; } = true;

    public HttpStatusCode StatusCode { get; }

    public string Body { get; }

    /// <summary>The wait the server asked for in Retry-After (seconds or an HTTP date), if any.</summary>
    public TimeSpan? RetryAfter { get; }

    public bool IsSuccess => (int)StatusCode is >= 200 and <= 299;

    /// <summary>The body as JSON; an empty body reads as an empty object. A malformed body throws JsonException.</summary>
    public JsonElement Json => Parsed.Json ?? throw Parsed.Failure!;

    /// <summary>True when the body is empty or parses as JSON; a cut-off body does not.</summary>
    internal bool HasWellFormedJson() => Parsed.Json is not null;

    // Parsed once: the retry decision, the transport's check and the provider's reading all look at the same body.
    private (JsonElement? Json, JsonException? Failure) Parsed => _parsed ??= Parse(Body);

    private (JsonElement? Json, JsonException? Failure)? _parsed;

    private static (JsonElement? Json, JsonException? Failure) Parse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(body) ? "{}" : body);
            return (document.RootElement.Clone(), null);
        }
        catch (JsonException ex)
        {
            return (null, ex);
        }
    }
}
