using Seedance.Http;
using Seedance.Journal;
using Seedance.Providers;
using Seedance.Tasks;

namespace Seedance.Connections;

/// <summary>
/// Everything one PowerShell runspace knows: its named connections, which one is the default, the journal,
/// and the generation times it has learned. Nothing here is static, so two runbook jobs in one process
/// never see each other's keys or tasks.
/// </summary>
/// <remarks>
/// Looking a connection up (<see cref="Find"/>, <see cref="FindFor"/>) never connects and never changes the default.
/// Connecting is said in the name: <see cref="Connect(ConnectionOptions)"/> for what the user asked, and
/// <see cref="FindOrConnect"/> / <see cref="FindOrConnectFor"/> where a command may fall back on a connection made
/// from environment variables.
/// </remarks>
public sealed class SeedanceSession : IDisposable
{
    public const string ProviderVariable = "SEEDANCE_PROVIDER";

    private readonly Dictionary<string, SeedanceConnection> _connections = new(StringComparer.OrdinalIgnoreCase);

    // Connection names, oldest first: when the default is disconnected, the newest of the rest takes its place.
    private readonly List<string> _connectedOrder = new();
    private readonly Func<string, string?> _environment;
    private readonly object _gate = new();
    private string? _defaultName;

    public SeedanceSession(TaskJournal journal, Func<string, string?> environment)
    {
        Journal = journal;
        _environment = environment;
    }

    public TaskJournal Journal { get; }

    public GenerationTimes Times { get; } = new();

    public IReadOnlyList<SeedanceConnection> Connections
    {
        get
        {
            lock (_gate)
            {
                return _connections.Values.ToList();
            }
        }
    }

    public SeedanceConnection? Default
    {
        get
        {
            lock (_gate)
            {
                return _defaultName is not null && _connections.TryGetValue(_defaultName, out var connection) ? connection : null;
            }
        }
    }

    /// <summary>What users see of every connection, the default first.</summary>
    public IReadOnlyList<ConnectionInfo> Describe()
    {
        lock (_gate)
        {
            var preferred = Default;
            return _connections.Values
                .OrderByDescending(connection => ReferenceEquals(connection, preferred))
                .Select(connection => connection.Describe(ReferenceEquals(connection, preferred)))
                .ToList();
        }
    }

    /// <summary>Creates (or replaces) a named connection and makes it the default: what Connect-Seedance does.</summary>
    public SeedanceConnection Connect(ConnectionOptions options) => Connect(options, out _);

    /// <summary>Connects as <see cref="Connect(ConnectionOptions)"/>; <paramref name="replaced"/> is the connection of that name it replaced, if any.</summary>
    public SeedanceConnection Connect(ConnectionOptions options, out ConnectionInfo? replaced)
    {
        var connection = Create(options);
        lock (_gate)
        {
            replaced = Remove(connection.Name);
            Add(connection);
            _defaultName = connection.Name;
        }

        return connection;
    }

    /// <summary>
    /// Removes a connection and stops following its tasks (they go on at the provider, and the journal still knows
    /// them). When it was the default, the newest of the rest becomes the default. Null when there was none of that name.
    /// </summary>
    public ConnectionInfo? Disconnect(string name)
    {
        lock (_gate)
        {
            var removed = Remove(name);
            if (removed is { IsDefault: true })
            {
                _defaultName = _connectedOrder.LastOrDefault();
            }

            return removed;
        }
    }

    /// <summary>
    /// The connection a command is pointed at, if this session has it: the one named (an error when there is none of
    /// that name); else the default, when it fits <paramref name="provider"/>; else one for <paramref name="provider"/>.
    /// Null when none fits. Never connects.
    /// </summary>
    public SeedanceConnection? Find(string? connectionName, string? provider)
    {
        lock (_gate)
        {
            if (!string.IsNullOrWhiteSpace(connectionName))
            {
                return _connections.TryGetValue(connectionName!, out var named) ? named : throw new SeedanceException(
                    SeedanceErrorCategory.NotFound, ErrorIds.ConnectionNotFound,
                    $"-Connection '{connectionName}' does not exist in this session. Connections: {DescribeNames()}. Create it with Connect-Seedance -Name {connectionName} -Provider ...")
                { ParameterName = "Connection" };
            }

            var candidate = Default;
            if (candidate is not null && (provider is null || candidate.ProviderInfo.IsKnownAs(provider)))
            {
                return candidate;
            }

            return provider is null ? null : _connections.Values.FirstOrDefault(connection => connection.ProviderInfo.IsKnownAs(provider));
        }
    }

    /// <summary>
    /// The connection of this session for a task: the one it was submitted through, if it still goes where the task
    /// lives; else one to the address it was submitted to; else, for a task of unknown address, what
    /// <see cref="Find"/> gives for its provider. Null when none fits. Never connects.
    /// </summary>
    public SeedanceConnection? FindFor(VideoTask task)
    {
        lock (_gate)
        {
            if (task.Connection is not null && _connections.TryGetValue(task.Connection, out var original)
                && Same(original.Provider, task.Provider) && (task.BaseUri is null || SameAddress(original.BaseUri, task.BaseUri)))
            {
                return original;
            }

            if (task.BaseUri is not { } submittedTo)
            {
                return Find(null, task.Provider);
            }

            var preferred = Default;
            return _connections.Values
                .Where(connection => Same(connection.Provider, task.Provider) && SameAddress(connection.BaseUri, submittedTo))
                .OrderByDescending(connection => ReferenceEquals(connection, preferred))
                .FirstOrDefault();
        }
    }

    /// <summary><see cref="Find"/>'s connection; else one made from environment variables for <paramref name="provider"/> (or the provider they name).</summary>
    public SeedanceConnection FindOrConnect(string? connectionName, string? provider)
    {
        lock (_gate)
        {
            return Find(connectionName, provider) ?? ConnectFromEnvironment(provider ?? ProviderFromEnvironment(), baseUri: null);
        }
    }

    /// <summary>
    /// <see cref="FindFor"/>'s connection; else one made from environment variables to the address the task was
    /// submitted to, so a task of the emulator is never looked for at the real provider.
    /// </summary>
    public SeedanceConnection FindOrConnectFor(VideoTask task)
    {
        lock (_gate)
        {
            return FindFor(task) ?? (task.BaseUri is null
                ? ConnectFromEnvironment(task.Provider, baseUri: null)
                : ConnectFromEnvironment(task.Provider, task.BaseUri, task));
        }
    }

    private SeedanceConnection Create(ConnectionOptions options)
    {
        var provider = ProviderCatalog.Get(options.Provider);
        var key = ApiKeyResolver.Resolve(provider.Info, options.ApiKey, _environment);
        return new SeedanceConnection(options, provider, key, Journal, Times);
    }

    /// <summary>
    /// A connection nobody asked for by name, made from environment variables: it becomes the default only when there
    /// is none, and it takes a name of its own rather than replace a connection the user made.
    /// </summary>
    private SeedanceConnection ConnectFromEnvironment(string provider, Uri? baseUri, VideoTask? forTask = null)
    {
        var info = ProviderCatalog.Get(provider).Info;
        var preferred = baseUri is null ? info.Name : $"{info.Name}@{baseUri.Authority}{baseUri.AbsolutePath.TrimEnd('/')}";
        var name = preferred;
        for (var suffix = 2; _connections.ContainsKey(name); suffix++)
        {
            name = $"{preferred} ({suffix})";
        }

        SeedanceConnection connection;
        try
        {
            connection = Create(new ConnectionOptions(info.Name) { Name = name, BaseUri = baseUri, Http = HttpSettings.FromEnvironment(_environment) });
        }
        catch (SeedanceException missing) when (forTask is not null && missing.ErrorId == ErrorIds.ApiKeyMissing)
        {
            throw new SeedanceException(missing.Category, missing.ErrorId,
                $"Task {forTask.Id} was submitted to {baseUri}, and no connection of this session goes there. Connect to it (Connect-Seedance -Provider {info.Name} -BaseUri {baseUri} -ApiKey ...), or set {string.Join(" or ", ApiKeyResolver.VariablesFor(info))} to its key.")
            { ParameterName = missing.ParameterName, Provider = info.Name, TaskId = forTask.Id };
        }

        Add(connection);
        _defaultName ??= name;
        return connection;
    }

    private void Add(SeedanceConnection connection)
    {
        _connections[connection.Name] = connection;
        _connectedOrder.Add(connection.Name);
    }

    /// <summary>Takes a connection out and disposes it; what it was, or null when there was none of that name.</summary>
    private ConnectionInfo? Remove(string name)
    {
        if (!_connections.TryGetValue(name, out var connection))
        {
            return null;
        }

        var removed = connection.Describe(ReferenceEquals(connection, Default));
        _connections.Remove(name);
        _connectedOrder.RemoveAll(other => string.Equals(other, name, StringComparison.OrdinalIgnoreCase));
        connection.Dispose();
        return removed;
    }

    private string ProviderFromEnvironment()
    {
        var configured = _environment(ProviderVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured!;
        }

        var withKeys = ProviderCatalog.All
            .Where(provider => provider.Info.KeyVariables.Any(variable => !string.IsNullOrWhiteSpace(_environment(variable))))
            .ToList();
        if (withKeys.Count == 1)
        {
            return withKeys[0].Info.Name;
        }

        throw new SeedanceException(SeedanceErrorCategory.Authentication, ErrorIds.NotConnected,
            withKeys.Count == 0
                ? $"Not connected to any provider. Run Connect-Seedance -Provider <{string.Join("|", ProviderCatalog.Names)}> first, set {ProviderVariable} and a key variable, or rehearse offline with Start-SeedanceEmulator."
                : $"Keys for {string.Join(" and ", withKeys.Select(provider => provider.Info.Name))} are set in the environment; choose one with Connect-Seedance -Provider, -Connection, or {ProviderVariable}.");
    }

    private string DescribeNames() => _connections.Count == 0 ? "none" : string.Join(", ", _connections.Keys);

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static bool SameAddress(Uri a, Uri b) => string.Equals(a.AbsoluteUri.TrimEnd('/'), b.AbsoluteUri.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var connection in _connections.Values)
            {
                connection.Dispose();
            }

            _connections.Clear();
            _connectedOrder.Clear();
        }
    }
}
