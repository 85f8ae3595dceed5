using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Polly;
using Polly.Timeout;
using Seedance.Connections;

namespace Seedance.Http;

/// <summary>
/// The shared HTTP core of one connection: one HttpClient, one resilience pipeline per kind of call, the
/// Authorization header, and the translation of failures into <see cref="SeedanceException"/>.
/// Providers describe calls; this class makes them.
/// </summary>
public sealed class SeedanceHttp : IDisposable
{
    private readonly HttpClient _client;
    private readonly ApiKeySecret _key;
    private readonly string _authScheme;
    private readonly Func<ApiResponse, ApiFailure> _describeFailure;
    private readonly Dictionary<HttpCallKind, ResiliencePipeline<ApiResponse>> _pipelines = new();

    public SeedanceHttp(string providerName, string authScheme, ApiKeySecret key, Func<ApiResponse, ApiFailure> describeFailure, HttpSettings settings)
    {
        ProviderName = providerName;
        _authScheme = authScheme;
        _key = key;
        _describeFailure = describeFailure;
        Settings = settings;
        _client = new HttpClient(HttpHandlerFactory.Create(settings), disposeHandler: true)
        {
            // Polly owns every timeout, so HttpClient's own must never fire first.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Seedance-PowerShell", typeof(SeedanceHttp).Assembly.GetName().Version?.ToString(3) ?? "0"));
        foreach (HttpCallKind kind in Enum.GetValues(typeof(HttpCallKind)))
        {
            _pipelines[kind] = ResiliencePipelineFactory.Create(kind, settings, response => _describeFailure(response).Category);
        }
    }

    public string ProviderName { get; }

    public HttpSettings Settings { get; }

    /// <summary>Makes one API call with its kind's retry rules; returns the 2xx answer or throws.</summary>
    public async Task<ApiResponse> SendAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        UriPolicy.RequireSafe(request.Uri, "Request address");
        var attempt = 0;
        ApiResponse response;
        try
        {
            response = await _pipelines[request.Kind].ExecuteAsync(
                async token => await SendOnceAsync(request, ++attempt, token).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (TimeoutRejectedException ex)
        {
            throw NoAnswer(request, SeedanceErrorCategory.Timeout, "did not answer in time", ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException)
        {
            var notSent = DeliveryEvidence.ProvablyNotSent(ex);
            throw NoAnswer(request, SeedanceErrorCategory.Network, notSent ? "could not be reached" : "dropped the connection", ex, mayHaveArrived: !notSent);
        }

        if (!response.IsSuccess)
        {
            throw Failure(request, response);
        }

        if (request.ExpectsJson && !response.HasWellFormedJson())
        {
            throw NoAnswer(request, SeedanceErrorCategory.Server, "answered with a cut-off or malformed body", null);
        }

        return response;
    }

    /// <summary>Starts a download of a pre-signed video URL; the key is never sent there.</summary>
    /// <param name="resumeFrom">The first byte wanted; 0 for the whole file.</param>
    /// <param name="resumeOnlyIf">The validator of the bytes already held (If-Range): a server whose file no longer matches it sends the whole file.</param>
    public async Task<HttpResponseMessage> GetForDownloadAsync(Uri uri, long resumeFrom, RangeConditionHeaderValue? resumeOnlyIf, CancellationToken cancellationToken)
    {
        UriPolicy.RequireSafe(uri, "Video address");
        using var message = new HttpRequestMessage(HttpMethod.Get, uri);
        if (resumeFrom > 0)
        {
            message.Headers.Range = new RangeHeaderValue(resumeFrom, null);
            message.Headers.IfRange = resumeOnlyIf;
        }

        SeedanceLog.Verbose($"GET {Describe(uri)}{(resumeFrom > 0 ? $" (resuming at byte {resumeFrom:N0})" : string.Empty)}");
        return await _client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ApiResponse> SendOnceAsync(ApiRequest request, int attempt, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(request.Method, request.Uri);
        if (request.Authenticated)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue(_authScheme, _key.Reveal());
        }

        foreach (var header in request.Headers)
        {
            message.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        if (request.JsonBody is not null)
        {
            message.Content = new StringContent(request.JsonBody, Encoding.UTF8, "application/json");
        }
        else if (request.ContentFactory is not null)
        {
            message.Content = request.ContentFactory();
        }

        var clock = Stopwatch.StartNew();
        using var answer = await _client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);

        // This is where every provider text enters the module: some providers echo the caller's key (in an error
        // message, an error title, a task's failure text), so it is masked here, once, before anything reads it.
        var body = _key.Scrub(await answer.Content.ReadAsStringAsync().ConfigureAwait(false));
        SeedanceLog.Verbose($"{request.Method} {Describe(request.Uri)}{(request.Authenticated ? $" [Authorization: {_authScheme} ***]" : string.Empty)} -> {(int)answer.StatusCode} {_key.Scrub(answer.ReasonPhrase ?? string.Empty)}, {body.Length:N0} chars in {clock.ElapsedMilliseconds} ms{(attempt > 1 ? $" (attempt {attempt})" : string.Empty)}");
        var headers = answer.Headers.Concat(answer.Content.Headers)
            .GroupBy(header => header.Key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(group => group.Key, group => _key.Scrub(string.Join(",", group.SelectMany(header => header.Value))), StringComparer.OrdinalIgnoreCase);
        var response = new ApiResponse(answer.StatusCode, body, RetryAfterOf(answer), headers);
        response.IsFinal = !response.IsSuccess && request.IsFinalFailure?.Invoke(response) == true;
        response.MustBeJson = request.ExpectsJson;
        return response;
    }

    private static TimeSpan? RetryAfterOf(HttpResponseMessage answer)
    {
        var header = answer.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    private SeedanceException Failure(ApiRequest request, ApiResponse response)
    {
        var failure = _describeFailure(response);
        var status = (int)response.StatusCode;
        var mayHaveArrived = request.Kind == HttpCallKind.Submit && status is 500 or 502 or 504;
        var message = $"{ProviderName} refused to {request.Purpose ?? "answer"} (HTTP {status}): {failure.Message}";
        if (failure.Category == SeedanceErrorCategory.RateLimited && response.RetryAfter is { } wait)
        {
            message += $" It asked to wait {wait.TotalSeconds:N0} s.";
        }

        if (mayHaveArrived)
        {
            message += AmbiguousSubmitAdvice;
        }

        var flagged = failure.Category == SeedanceErrorCategory.ContentPolicy ? FlaggedInput.Of(failure.ProviderCode, failure.Message) : null;
        if (failure.Category == SeedanceErrorCategory.ContentPolicy)
        {
            // Providers end their messages with a request id or nothing; the advice is a sentence of its own.
            message = (message.TrimEnd().EndsWith(".", StringComparison.Ordinal) ? message.TrimEnd() : message.TrimEnd() + ".") + FlaggedInput.Advice(flagged);
        }

        return new SeedanceException(failure.Category, ErrorIdOf(failure.Category), message)
        {
            Provider = ProviderName,
            FlaggedInput = flagged,
            ParameterName = FlaggedInput.IsParameter(flagged) ? flagged : null,
            StatusCode = status,
            ProviderCode = failure.ProviderCode,
            RetryAfter = response.RetryAfter,
            SubmitMayHaveSucceeded = mayHaveArrived,
        };
    }

    private SeedanceException NoAnswer(ApiRequest request, SeedanceErrorCategory category, string what, Exception? inner, bool mayHaveArrived = true)
    {
        var ambiguous = request.Kind == HttpCallKind.Submit && mayHaveArrived;
        var message = $"{ProviderName} {what} while trying to {request.Purpose ?? "answer"} ({Describe(request.Uri)}).";
        message += ambiguous ? AmbiguousSubmitAdvice : " Retries were exhausted; check the network or the provider's status page.";
        return new SeedanceException(category, ambiguous ? ErrorIds.SubmitOutcomeUnknown : ErrorIdOf(category), message, inner)
        {
            Provider = ProviderName,
            SubmitMayHaveSucceeded = ambiguous,
        };
    }

    /// <summary>Where to look for the task is the lost-submit recovery's to say: it knows what the provider can list.</summary>
    internal const string AmbiguousSubmitAdvice =
        " The request may have reached the provider, so a task may exist and be billed: it was not sent again.";

    private static string ErrorIdOf(SeedanceErrorCategory category) => category switch
    {
        SeedanceErrorCategory.Authentication => ErrorIds.AuthenticationFailed,
        SeedanceErrorCategory.InsufficientBalance => ErrorIds.InsufficientBalance,
        SeedanceErrorCategory.RateLimited => ErrorIds.RateLimited,
        SeedanceErrorCategory.ContentPolicy => ErrorIds.ContentPolicyViolation,
        SeedanceErrorCategory.NotFound => ErrorIds.NotFound,
        SeedanceErrorCategory.Validation => ErrorIds.RequestRejected,
        SeedanceErrorCategory.Timeout => ErrorIds.ProviderTimeout,
        SeedanceErrorCategory.Network => ErrorIds.NetworkFailure,
        _ => ErrorIds.ProviderError,
    };

    /// <summary>The address without its query string, which may carry tokens (webhook secrets, signatures).</summary>
    private static string Describe(Uri uri) => uri.GetLeftPart(UriPartial.Path);

    public void Dispose() => _client.Dispose();
}
