using Seedance.Http;

namespace Seedance.Providers;

/// <summary>What a provider needs to make calls for one connection: the HTTP core and the base address.</summary>
public sealed class ProviderContext
{
    public ProviderContext(SeedanceHttp http, Uri baseUri)
    {
        Http = http;
        BaseUri = baseUri;
    }

    public SeedanceHttp Http { get; }

    public Uri BaseUri { get; }

    /// <summary>The connection's region, for providers with several (null otherwise).</summary>
    public string? Region { get; init; }

    /// <summary>True when the base URI is the provider's own (not a gateway or the emulator).</summary>
    public bool IsProvidersOwnHost(ProviderInfo provider) =>
        string.Equals(BaseUri.Host, provider.DefaultBaseUri.Host, System.StringComparison.OrdinalIgnoreCase)
        || System.Linq.Enumerable.Any(provider.Regions.Values, region => string.Equals(BaseUri.Host, region.Host, System.StringComparison.OrdinalIgnoreCase));

    /// <summary>The base address joined with a path relative to it (the base's own path is kept).</summary>
    public Uri Resolve(string relativePath) =>
        new(BaseUri.AbsoluteUri.TrimEnd('/') + "/" + relativePath.TrimStart('/'));
}
