namespace Seedance.Connections;

/// <summary>
/// What Connect-Seedance and Get-SeedanceConnection show of a connection: plain data, taken when it was asked for.
/// The machinery behind it (HTTP, throttle, watcher) stays with the <see cref="SeedanceConnection"/>; the key is
/// never here, only where it came from.
/// </summary>
public sealed class ConnectionInfo
{
    public ConnectionInfo(string name, string provider, Uri baseUri, string? region, string keySource, string? defaultModel, int throttleLimit, int pendingTasks, bool isDefault)
    {
        Name = name;
        Provider = provider;
        BaseUri = baseUri;
        Region = region;
        KeySource = keySource;
        DefaultModel = defaultModel;
        ThrottleLimit = throttleLimit;
        PendingTasks = pendingTasks;
        IsDefault = isDefault;
    }

    /// <summary>The name -Connection takes.</summary>
    public string Name { get; }

    public string Provider { get; }

    public Uri BaseUri { get; }

    /// <summary>The provider region (e.g. Ark's BytePlus or Volcengine); null for one-region providers.</summary>
    public string? Region { get; }

    /// <summary>Where the key came from (-ApiKey, a variable's name); the key itself is never shown.</summary>
    public string KeySource { get; }

    /// <summary>The model New-SeedanceVideo uses when it names none; null for the provider's default.</summary>
    public string? DefaultModel { get; }

    /// <summary>At most this many tasks unfinished at once; 0 means no limit.</summary>
    public int ThrottleLimit { get; }

    /// <summary>Tasks of this connection not yet finished when this was taken.</summary>
    public int PendingTasks { get; }

    /// <summary>Whether the other cmdlets use this connection when no -Connection or -Provider is given.</summary>
    public bool IsDefault { get; }

    public override string ToString() => Name;
}
