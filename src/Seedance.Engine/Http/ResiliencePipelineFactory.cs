using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Seedance.Http;

/// <summary>
/// Builds the Polly pipeline for each kind of call: an overall timeout, around retries with jittered
/// exponential backoff that honour Retry-After, around a per-attempt timeout.
/// </summary>
/// <remarks>
/// The rule that matters most: a submit is retried only when it provably never reached the server
/// (connection refused, name not resolved, TLS failed) or when the server answered 429, which means it did
/// not create a task. Anything else (a timeout, a dropped response, a 502) may have created a billed task,
/// and is reported instead of repeated.
/// </remarks>
internal static class ResiliencePipelineFactory
{
    public static ResiliencePipeline<ApiResponse> Create(HttpCallKind kind, HttpSettings settings, Func<ApiResponse, SeedanceErrorCategory> classify)
    {
        var builder = new ResiliencePipelineBuilder<ApiResponse>()
            .AddTimeout(settings.OverallTimeout);

        if (settings.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<ApiResponse>
            {
                MaxRetryAttempts = settings.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.RetryBaseDelay,
                MaxDelay = settings.MaxRetryDelay,
                ShouldHandle = args => new ValueTask<bool>(ShouldRetry(kind, args.Outcome, settings, classify)),
                DelayGenerator = args => new ValueTask<TimeSpan?>(args.Outcome.Result?.RetryAfter),
            });
        }

        return builder.AddTimeout(settings.AttemptTimeout).Build();
    }

    internal static bool ShouldRetry(HttpCallKind kind, Outcome<ApiResponse> outcome, HttpSettings settings, Func<ApiResponse, SeedanceErrorCategory> classify)
    {
        if (outcome.Exception is { } exception)
        {
            return kind == HttpCallKind.Submit
                ? DeliveryEvidence.ProvablyNotSent(exception)
                : exception is HttpRequestException or IOException or TimeoutRejectedException;
        }

        var response = outcome.Result!;
        if (response.IsSuccess)
        {
            // A 2xx whose body was cut off is repeated for reads; for a submit it means the task exists.
            return kind != HttpCallKind.Submit && response.MustBeJson && !response.HasWellFormedJson();
        }

        if (response.IsFinal)
        {
            return false;
        }

        // A moderation refusal is final whatever its status: the same input is refused again, and a retried submit
        // could be billed.
        if (classify(response) == SeedanceErrorCategory.ContentPolicy)
        {
            return false;
        }

        var status = (int)response.StatusCode;
        if (status == 429)
        {
            // Some providers answer 429 for an exhausted quota too; that does not pass by waiting.
            return classify(response) == SeedanceErrorCategory.RateLimited
                && (response.RetryAfter is null || response.RetryAfter <= settings.MaxRetryAfter);
        }

        return kind != HttpCallKind.Submit && status is 408 or 500 or 502 or 503 or 504;
    }
}
