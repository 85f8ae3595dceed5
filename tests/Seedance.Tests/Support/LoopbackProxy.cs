using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Seedance.Tests.Support;

/// <summary>
/// A forward HTTP proxy on 127.0.0.1 for tests: it records each connection's first request line and relays
/// bytes both ways to the origin it names (HTTP servers accept the absolute-form request lines that clients
/// send through a proxy, so no rewriting is needed). It only ever connects to loopback origins.
/// </summary>
internal sealed class LoopbackProxy : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();

    public LoopbackProxy()
    {
        _listener.Start();
        Address = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _ = Task.Run(AcceptAsync);
    }

    public Uri Address { get; }

    /// <summary>The first request line of every connection that came through, e.g. "GET http://127.0.0.1:5000/x HTTP/1.1".</summary>
    public ConcurrentQueue<string> RequestLines { get; } = new();

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = Task.Run(() => RelayAsync(client));
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        {
            var incoming = client.GetStream();
            var head = new MemoryStream();
            var one = new byte[1];
            while (!EndsWithBlankLine(head) && await incoming.ReadAsync(one, 0, 1).ConfigureAwait(false) == 1)
            {
                head.WriteByte(one[0]);
            }

            var requestLine = Encoding.ASCII.GetString(head.ToArray()).Split('\r')[0];
            RequestLines.Enqueue(requestLine);
            var target = new Uri(requestLine.Split(' ')[1]);
            if (!target.IsLoopback)
            {
                return;
            }

            using var origin = new TcpClient();
            await origin.ConnectAsync(target.Host, target.Port).ConfigureAwait(false);
            var outgoing = origin.GetStream();
            await outgoing.WriteAsync(head.ToArray(), 0, (int)head.Length).ConfigureAwait(false);
            await Task.WhenAny(incoming.CopyToAsync(outgoing), outgoing.CopyToAsync(incoming)).ConfigureAwait(false);
        }
    }

    private static bool EndsWithBlankLine(MemoryStream head)
    {
        var length = head.Length;
        if (length < 4)
        {
            return false;
        }

        var bytes = head.GetBuffer();
        return bytes[length - 4] == '\r' && bytes[length - 3] == '\n' && bytes[length - 2] == '\r' && bytes[length - 1] == '\n';
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
    }
}
