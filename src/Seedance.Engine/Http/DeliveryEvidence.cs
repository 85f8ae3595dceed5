using System.Net.Sockets;

namespace Seedance.Http;

/// <summary>
/// Decides whether a failed request provably never reached the server. Only such a submit may be repeated:
/// a submit that might have arrived can already be a billed task.
/// </summary>
internal static class DeliveryEvidence
{
    public static bool ProvablyNotSent(Exception exception)
    {
#if NET8_0_OR_GREATER
        if (exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError })
        {
            return true;
        }
#endif
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException socket && IsConnectPhase(socket.SocketErrorCode))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsConnectPhase(SocketError error) => error is SocketError.ConnectionRefused
        or SocketError.HostNotFound
        or SocketError.HostUnreachable
        or SocketError.NetworkUnreachable
        or SocketError.TryAgain
        or SocketError.NoData;
}
