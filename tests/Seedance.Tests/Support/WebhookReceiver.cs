using System.Collections.Specialized;
using System.Net;
using System.Text;

namespace Seedance.Tests.Support;

/// <summary>A webhook endpoint on 127.0.0.1 (the only kind the emulator calls) that hands each delivery to the test.</summary>
internal sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();

    public WebhookReceiver()
    {
        Url = new Uri($"http://127.0.0.1:{LoopbackPort.Unused()}/hook/");
        _listener.Prefixes.Add(Url.AbsoluteUri);
        _listener.Start();
    }

    public Uri Url { get; }

    /// <summary>The next delivery, answered <paramref name="answer"/>; a <see cref="TimeoutException"/> when none comes in time.</summary>
    public async Task<ReceivedWebhook> NextAsync(TimeSpan timeout, int answer = 200)
    {
        var delivery = _listener.GetContextAsync();
        if (await Task.WhenAny(delivery, Task.Delay(timeout)).ConfigureAwait(false) != delivery)
        {
            throw new TimeoutException($"No webhook reached {Url} within {timeout.TotalSeconds:N0} s.");
        }

        var context = await delivery.ConfigureAwait(false);
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var body = await reader.ReadToEndAsync().ConfigureAwait(false);
        var headers = context.Request.Headers;
        context.Response.StatusCode = answer;
        context.Response.Close();
        return new ReceivedWebhook(headers, body);
    }

    public void Dispose() => _listener.Close();
}

/// <summary>One webhook as it arrived: its headers and its raw body (what a signature covers).</summary>
internal sealed record ReceivedWebhook(NameValueCollection Headers, string Body);
