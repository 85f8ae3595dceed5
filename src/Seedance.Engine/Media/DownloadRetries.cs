using Polly;
using Polly.Retry;
using Seedance.Http;

namespace Seedance.Media;

/// <summary>
/// How a download is retried, the same for a video and for its last frame: a dropped connection, a server error or a
/// rate limit is tried again with jittered exponential backoff (at the server's Retry-After when it gives one).
/// </summary>
internal static class DownloadRetries
{
    public static ResiliencePipeline For(HttpSettings settings) => new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder()
                .Handle<DownloadRetryableException>()
                .Handle<HttpRequestException>()
                .Handle<IOException>(),
            MaxRetryAttempts = Math.Max(1, settings.MaxRetries),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = settings.RetryBaseDelay,
            MaxDelay = settings.MaxRetryDelay,
            DelayGenerator = args => new ValueTask<TimeSpan?>((args.Outcome.Exception as DownloadRetryableException)?.RetryAfter),
        })
        .Build();
}
