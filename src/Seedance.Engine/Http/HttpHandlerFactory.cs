using System.Net;

namespace Seedance.Http;

/// <summary>Creates the one HTTP handler a connection shares for every call, with its proxy and pool settings.</summary>
internal static class HttpHandlerFactory
{
    public static HttpMessageHandler Create(HttpSettings settings)
    {
#if NET8_0_OR_GREATER
        var handler = new SocketsHttpHandler
        {
            // Recycle pooled connections so DNS changes are picked up in long runbooks.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = settings.ConnectTimeout,
            MaxConnectionsPerServer = 64,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            UseProxy = settings.UseProxy,
            AllowAutoRedirect = true,
        };
#else
        var handler = new HttpClientHandler
        {
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            UseProxy = settings.UseProxy,
            AllowAutoRedirect = true,
        };
#endif
        if (settings.UseProxy && settings.Proxy is not null)
        {
            handler.Proxy = settings.Proxy;
        }

        return handler;
    }
}
