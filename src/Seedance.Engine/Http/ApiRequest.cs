namespace Seedance.Http;

/// <summary>
/// One provider API call, described rather than built, because every retry attempt needs a fresh
/// <see cref="HttpRequestMessage"/>.
/// </summary>
public sealed class ApiRequest
{
    public ApiRequest(HttpCallKind kind, HttpMethod method, Uri uri)
    {
        Kind = kind;
        Method = method;
        Uri = uri;
    }

    public HttpCallKind Kind { get; }

    public HttpMethod Method { get; }

    public Uri Uri { get; }

    /// <summary>A JSON body, already serialised.</summary>
    public string? JsonBody { get; init; }

    /// <summary>A non-JSON body (uploads); called once per attempt.</summary>
    public Func<HttpContent>? ContentFactory { get; init; }

    /// <summary>Extra headers, e.g. Replicate's <c>Prefer</c> or fal's queue headers.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>False for calls to pre-signed URLs, which must not carry our key.</summary>
    public bool Authenticated { get; init; } = true;

    /// <summary>False for calls whose success answer is not JSON (a PUT to pre-signed storage).</summary>
    public bool ExpectsJson { get; init; } = true;

    /// <summary>
    /// Tells a failure that is the provider's answer (fal reports a failed generation as a 5xx on the result)
    /// from one worth retrying; null retries by the call kind's rules alone.
    /// </summary>
    public Func<ApiResponse, bool>? IsFinalFailure { get; init; }

    /// <summary>Short description for verbose output, e.g. "submit task" or "status of 8f3a…".</summary>
    public string? Purpose { get; init; }
}
