using System;
using System.Collections.Specialized;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;

namespace Seedance.Tests.Support;

/// <summary>A loopback endpoint that takes the emulator's webhook deliveries, so tests can read what a twin sent.</summary>
internal sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();

    public WebhookReceiver()
    {
        Url = new Uri($"http://127.0.0.1:{FreePort()}/hook/");
        _listener.Prefixes.Add(Url.AbsoluteUri);
        _listener.Start();
    }

    /// <summary>Where to send webhooks (plain http is accepted for this machine).</summary>
    public Uri Url { get; }

    /// <summary>A loopback port nothing listens on right now.</summary>
    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    /// <summary>The next delivery's headers and body, answered with 200; a TimeoutException when none comes in time.</summary>
    public async Task<(NameValueCollection Headers, string Body)> NextAsync(TimeSpan timeout)
    {
        var pending = _listener.GetContextAsync();
        if (await Task.WhenAny(pending, Task.Delay(timeout)) != pending)
        {
            throw new TimeoutException($"No webhook arrived at {Url} within {timeout.TotalSeconds:N0} s.");
        }

        var delivery = await pending;
        using var reader = new StreamReader(delivery.Request.InputStream, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        delivery.Response.StatusCode = 200;
        delivery.Response.Close();
        return (delivery.Request.Headers, body);
    }

    public void Dispose() => _listener.Close();
}
