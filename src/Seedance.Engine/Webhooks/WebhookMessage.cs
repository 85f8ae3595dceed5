namespace Seedance.Webhooks;

/// <summary>One webhook as the receiver got it: the raw body (what a signature covers) and the request's headers.</summary>
public sealed class WebhookMessage
{
    private readonly Dictionary<string, string> _headers;

    /// <param name="body">The body exactly as it arrived; a body parsed and written out again no longer matches its signature.</param>
    /// <param name="headers">The request's headers; names are matched without regard to case, as HTTP does.</param>
    public WebhookMessage(string body, IEnumerable<KeyValuePair<string, string>> headers)
    {
        Body = body;
        _headers = headers
            .GroupBy(header => header.Key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(group => group.Key, group => string.Join(",", group.Select(header => header.Value)), StringComparer.OrdinalIgnoreCase);
    }

    public string Body { get; }

    /// <summary>A header's value, or null when the request did not carry it (or carried it empty).</summary>
    public string? Header(string name) =>
        _headers.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
