using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using Seedance.Emulator.Recording;

namespace Seedance.Emulator.Server;

/// <summary>
/// Delivers the twins' webhooks, each on its provider's retry schedule (<see cref="WebhookDelivery"/>). The emulator
/// only ever calls this machine: a webhook URL that is not a loopback address is recorded and skipped, never contacted.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    // Each attempt has its own deadline (the delivery's), so the client itself never gives up first.
    private readonly HttpClient _client = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly List<string> _skipped = new();
    private readonly ConcurrentDictionary<WebhookDelivery, ResiliencePipeline<HttpResponseMessage>> _pipelines = new();
    private readonly EmulatorRecorder _recorder;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stopping = new();

    public WebhookSender(EmulatorRecorder recorder)
        : this(recorder, TimeProvider.System)
    {
    }

    /// <param name="recorder">Where each delivery, its attempts and its outcome are recorded for the user's tests.</param>
    /// <param name="time">The clock the retry waits run on; tests pass one that shortens hours of provider schedule.</param>
    internal WebhookSender(EmulatorRecorder recorder, TimeProvider time)
    {
        _recorder = recorder;
        _time = time;
    }

    /// <summary>Webhook URLs that were not sent because they point off this machine.</summary>
    public IReadOnlyList<string> Skipped
    {
        get
        {
            lock (_skipped)
            {
                return _skipped.ToArray();
            }
        }
    }

    /// <summary>Posts <paramref name="body"/> in the background, trying again as <paramref name="delivery"/> says.</summary>
    public void Send(string url, string body, IReadOnlyDictionary<string, string> headers, WebhookDelivery delivery)
    {
        var record = _recorder.Webhook(url, body);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var target) || !IsLoopback(target))
        {
            lock (_skipped)
            {
                _skipped.Add(url);
            }

            record.Ended(WebhookOutcome.NotLoopback);
            return;
        }

        _ = Task.Run(async () =>
        {
            var status = await DeliverAsync(target, body, headers, delivery, record).ConfigureAwait(false);
            record.Ended(status is { } answered && (int)answered is >= 200 and < 300 ? WebhookOutcome.Delivered : WebhookOutcome.Failed);
        });
    }

    /// <summary>Delivers one webhook; the answer of its last attempt, or null when that attempt got none.</summary>
    internal async Task<HttpStatusCode?> DeliverAsync(Uri target, string body, IReadOnlyDictionary<string, string> headers, WebhookDelivery delivery, RecordedWebhook? record = null)
    {
        try
        {
            using var response = await _pipelines.GetOrAdd(delivery, PipelineFor).ExecuteAsync(async token =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                foreach (var header in headers)
                {
                    request.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }

                try
                {
                    var answer = await _client.SendAsync(request, token).ConfigureAwait(false);
                    record?.Attempted((int)answer.StatusCode);
                    return answer;
                }
                catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
                {
                    record?.Attempted(null);
                    throw;
                }
            }, _stopping.Token).ConfigureAwait(false);
            return response.StatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or OperationCanceledException or ObjectDisposedException)
        {
            // The receiver never answered, not even on the last try (or the emulator stopped): the provider gives up too.
            return null;
        }
    }

    /// <summary>A failed attempt is an exception, a timeout, or any answer but 2xx; the waits double from the first.</summary>
    private ResiliencePipeline<HttpResponseMessage> PipelineFor(WebhookDelivery delivery)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = _time };
        if (delivery.Retries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = delivery.Retries,
                Delay = delivery.FirstDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = false,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(response => !response.IsSuccessStatusCode),
                OnRetry = arguments =>
                {
                    arguments.Outcome.Result?.Dispose();
                    return default;
                },
            });
        }

        return builder.AddTimeout(delivery.AttemptTimeout).Build();
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    /// <summary>Stops every delivery still waiting to try again (the token source stays, for deliveries just starting).</summary>
    public void Dispose()
    {
        _stopping.Cancel();
        _client.Dispose();
    }
}
