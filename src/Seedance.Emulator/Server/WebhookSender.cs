using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using Seedance.Emulator.Recording;

namespace Seedance.Emulator.Server;

/// <summary>
/// Delivers the twins' webhooks. The emulator only ever calls this machine: a webhook URL that is not a
/// loopback address is recorded and skipped, never contacted.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(15) };
    private readonly List<string> _skipped = new();
    private readonly EmulatorRecorder _recorder;

    public WebhookSender(EmulatorRecorder recorder) => _recorder = recorder;

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

    /// <summary>Posts <paramref name="body"/>; a few tries, as providers retry final webhooks.</summary>
    public void Send(string url, string body, IReadOnlyDictionary<string, string> headers)
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
            for (var attempt = 0; attempt < 3; attempt++)
            {
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                    foreach (var header in headers)
                    {
                        request.Headers.TryAddWithoutValidation(header.Key, header.Value);
                    }

                    using var response = await _client.SendAsync(request).ConfigureAwait(false);
                    record.Attempted((int)response.StatusCode);
                    if (response.IsSuccessStatusCode)
                    {
                        record.Ended(WebhookOutcome.Delivered);
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                    // The receiver is not up (yet); try again shortly.
                    record.Attempted(null);
                }
                catch (TaskCanceledException)
                {
                    // Timed out; try again.
                    record.Attempted(null);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(500 * (attempt + 1))).ConfigureAwait(false);
            }

            record.Ended(WebhookOutcome.Failed);
        });
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    public void Dispose() => _client.Dispose();
}
