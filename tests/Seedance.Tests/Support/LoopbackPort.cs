using System.Net;
using System.Net.Sockets;

namespace Seedance.Tests.Support;

/// <summary>Ports on 127.0.0.1 for tests that need an address nobody answers, or one of their own to listen on.</summary>
internal static class LoopbackPort
{
    /// <summary>A port that was free a moment ago.</summary>
    public static int Unused()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
