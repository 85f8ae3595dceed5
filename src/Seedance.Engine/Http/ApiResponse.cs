using System;
using System.Net;
using System.Text.Json;

namespace Seedance.Http;

/// <summary>A provider's answer with its body read in full (API bodies are small; videos never come here).</summary>
public sealed class ApiResponse
{
    public ApiResponse(HttpStatusCode statusCode, string body, TimeSpan? retryAfter)
    {
        StatusCode = statusCode;
        Body = body;
        RetryAfter = retryAfter;
    }

    public HttpStatusCode StatusCode { get; }

    public string Body { get; }

    /// <summary>The wait the server asked for in Retry-After (seconds or an HTTP date), if any.</summary>
    public TimeSpan? RetryAfter { get; }

    public bool IsSuccess => (int)StatusCode is >= 200 and <= 299;

    /// <summary>The body as JSON; an empty body reads as an empty object.</summary>
    public JsonElement Json
    {
        get
        {
            if (string.IsNullOrWhiteSpace(Body))
            {
                return JsonDocument.Parse("{}").RootElement;
            }

            using var document = JsonDocument.Parse(Body);
            return document.RootElement.Clone();
        }
    }

    /// <summary>True when the body is empty or parses as JSON; a cut-off body does not.</summary>
    internal bool HasWellFormedJson()
    {
        if (string.IsNullOrWhiteSpace(Body))
        {
            return true;
        }

        try
        {
            using var document = JsonDocument.Parse(Body);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
