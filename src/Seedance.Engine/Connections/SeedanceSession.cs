using System;
using System.Collections.Generic;
using System.Linq;
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
public sealed class SeedanceSession : IDisposable
{
    public const string ProviderVariable = "SEEDANCE_PROVIDER";

    private readonly Dictionary<string, SeedanceConnection> _connections = new(StringComparer.OrdinalIgnoreCase);
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

    /// <summary>Creates (or replaces) a named connection and makes it the default: what Connect-Seedance does.</summary>
    public SeedanceConnection Connect(ConnectionOptions options)
    {
        var connection = Create(options);
        lock (_gate)
        {
            if (_connections.TryGetValue(connection.Name, out var previous))
            {
                previous.Dispose();
            }

            _connections[connection.Name] = connection;
            _defaultName = connection.Name;
        }

        return connection;
    }

    public bool Disconnect(string name)
    {
        lock (_gate)
        {
            if (!_connections.TryGetValue(name, out var connection))
            {
                return false;
            }

            _connections.Remove(name);
            connection.Dispose();
            if (string.Equals(_defaultName, name, StringComparison.OrdinalIgnoreCase))
            {
                _defaultName = _connections.Keys.FirstOrDefault();
            }

            return true;
        }
    }

    /// <summary>
    /// The connection to use: the one named; else the default (or one for <paramref name="provider"/>);
    /// else one made from environment variables. Looking up never changes the default.
    /// </summary>
    public SeedanceConnection Resolve(string? connectionName, string? provider)
    {
        lock (_gate)
        {
            if (!string.IsNullOrWhiteSpace(connectionName))
            {
                return _connections.TryGetValue(connectionName!, out var named) ? named : throw new SeedanceException(
                    SeedanceErrorCategory.NotFound, "ConnectionNotFound",
                    $"-Connection '{connectionName}' does not exist in this session. Connections: {Describe()}. Create it with Connect-Seedance -Name {connectionName} -Provider ...")
                { ParameterName = "Connection" };
            }

            var candidate = Default;
            if (candidate is not null && (provider is null || candidate.ProviderInfo.IsKnownAs(provider)))
            {
                return candidate;
            }

            candidate = provider is null ? null : _connections.Values.FirstOrDefault(connection => connection.ProviderInfo.IsKnownAs(provider));
            return candidate ?? AddImplicit(provider ?? ProviderFromEnvironment(), baseUri: null);
        }
    }

    /// <summary>
    /// The connection for a task: the one it was submitted through, if it still goes where the task lives; else one
    /// to the address it was submitted to (made for it if need be, so a task of the emulator is never looked for at
    /// the real provider); else one for its provider.
    /// </summary>
    public SeedanceConnection ResolveFor(VideoTask task)
    {
        lock (_gate)
        {
            if (task.Connection is not null && _connections.TryGetValue(task.Connection, out var original)
                && Same(original.Provider, task.Provider) && (task.BaseUri is null || SameAddress(original.BaseUri, task.BaseUri)))
            {
                return original;
            }

            if (task.BaseUri is { } submittedTo)
            {
                var preferred = Default;
                return _connections.Values
                    .Where(connection => Same(connection.Provider, task.Provider) && SameAddress(connection.BaseUri, submittedTo))
                    .OrderByDescending(connection => ReferenceEquals(connection, preferred))
                    .FirstOrDefault()
                    ?? AddImplicit(task.Provider, submittedTo, task);
            }
        }

        return Resolve(null, task.Provider);
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
    private SeedanceConnection AddImplicit(string provider, Uri? baseUri, VideoTask? forTask = null)
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
        catch (SeedanceException missing) when (forTask is not null && missing.ErrorId == "ApiKeyMissing")
        {
            throw new SeedanceException(missing.Category, missing.ErrorId,
                $"Task {forTask.Id} was submitted to {baseUri}, and no connection of this session goes there. Connect to it (Connect-Seedance -Provider {info.Name} -BaseUri {baseUri} -ApiKey ...), or set {string.Join(" or ", ApiKeyResolver.VariablesFor(info))} to its key.")
            { ParameterName = missing.ParameterName, Provider = info.Name, TaskId = forTask.Id };
        }

        _connections[name] = connection;
        _defaultName ??= name;
        return connection;
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

        throw new SeedanceException(SeedanceErrorCategory.Authentication, "NotConnected",
            withKeys.Count == 0
                ? $"Not connected to any provider. Run Connect-Seedance -Provider <{string.Join("|", ProviderCatalog.Names)}> first, set {ProviderVariable} and a key variable, or rehearse offline with Start-SeedanceEmulator."
                : $"Keys for {string.Join(" and ", withKeys.Select(provider => provider.Info.Name))} are set in the environment; choose one with Connect-Seedance -Provider, -Connection, or {ProviderVariable}.");
    }

    private string Describe() => _connections.Count == 0 ? "none" : string.Join(", ", _connections.Keys);

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
        }
    }
}
