using System;
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

    /// <summary>The base address joined with a path relative to it (the base's own path is kept).</summary>
    public Uri Resolve(string relativePath) =>
        new(BaseUri.AbsoluteUri.TrimEnd('/') + "/" + relativePath.TrimStart('/'));
}
