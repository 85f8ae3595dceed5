using Seedance.Connections;
using Seedance.Emulator;
using Seedance.Emulator.Media;
using Seedance.Emulator.Server;
using Seedance.Http;
using Seedance.Journal;

namespace Seedance.Tests.Support;

/// <summary>
/// A running emulator and an engine session pointed at it, isolated from the machine: its own journal, its
/// own environment variables, a temp folder for images and videos, and fast retry settings.
/// </summary>
internal sealed class EmulatorHarness : IDisposable
{
    public const string Key = "emulator-test-key-5f1c0a";

    private readonly Dictionary<string, string> _environment = new(StringComparer.Ordinal);
    private readonly List<SeedanceSession> _otherClients = new();

    public EmulatorHarness(Action<EmulatorOptions>? configure = null)
    {
        var options = new EmulatorOptions { ApiKey = Key, Latency = TimeSpan.FromMilliseconds(300) };
        configure?.Invoke(options);
        Server = EmulatorServer.Start(options);
        Folder = new TempFolder();
        Journal = new TaskJournal(Folder.File("journal.jsonl"));
        Session = new SeedanceSession(Journal, name => _environment.TryGetValue(name, out var value) ? value : null);
    }

    public EmulatorServer Server { get; }

    public SeedanceSession Session { get; }

    public TaskJournal Journal { get; }

    public TempFolder Folder { get; }

    /// <summary>Sets an environment variable as the session sees it (the real environment is untouched).</summary>
    public void SetEnvironment(string name, string value) => _environment[name] = value;

    /// <summary>
    /// Retry settings that keep tests fast: short backoff, short timeouts, and a lost submit settled within a
    /// second (the emulator records a task the moment it is created, unless a fault plan says otherwise).
    /// </summary>
    public static HttpSettings FastHttp() => new()
    {
        SubmitSettleWindow = TimeSpan.FromSeconds(1),
        SubmitSettleInterval = TimeSpan.FromMilliseconds(50),
        AttemptTimeout = TimeSpan.FromSeconds(5),
        OverallTimeout = TimeSpan.FromSeconds(30),
        ConnectTimeout = TimeSpan.FromSeconds(2),
        MaxRetries = 3,
        RetryBaseDelay = TimeSpan.FromMilliseconds(20),
        MaxRetryDelay = TimeSpan.FromMilliseconds(200),
        DownloadStallTimeout = TimeSpan.FromSeconds(5),
    };

    public SeedanceConnection Connect(string provider = "WaveSpeed", string key = Key, Action<ConnectionOptions>? configure = null)
    {
        var options = new ConnectionOptions(provider)
        {
            BaseUri = Server.BaseUriFor(provider),
            ApiKey = ApiKeySecret.FromPlainText(key, "test"),
            Http = FastHttp(),
        };
        configure?.Invoke(options);
        return Session.Connect(options);
    }

    /// <summary>
    /// Another program on the same account (same key), with a journal of its own: its tasks are real tasks at the
    /// provider that this harness's session never heard of. It reaches the twin outside the fault plan.
    /// </summary>
    public SeedanceConnection ConnectAnotherClient(string provider, Action<ConnectionOptions>? configure = null)
    {
        var session = new SeedanceSession(new TaskJournal(Folder.File($"another-client-{_otherClients.Count}.jsonl")), _ => null);
        _otherClients.Add(session);
        var options = new ConnectionOptions(provider)
        {
            BaseUri = new Uri(Server.Root, "_emulator/another-client/" + Server.BaseUriFor(provider).AbsolutePath.Trim('/')),
            ApiKey = ApiKeySecret.FromPlainText(Key, "test"),
            Http = FastHttp(),
        };
        configure?.Invoke(options);
        return session.Connect(options);
    }

    /// <summary>
    /// A task created straight in the emulator, not through a connection, so no watcher polls it and tests
    /// can count exactly the status requests they make themselves.
    /// </summary>
    public VideoTask SeedTask(string provider = "WaveSpeed", string prompt = "seeded")
    {
        var id = Guid.NewGuid().ToString("N");
        Server.Tasks.Create(id, Key, new Seedance.Emulator.Tasks.EmulatedTaskSpec { Provider = provider, Model = "seeded", Prompt = prompt });
        return new VideoTask(id, provider, "seeded");
    }

    /// <summary>A real PNG in the temp folder (Ark wants at least 300 pixels a side; most providers take less).</summary>
    public string NewImage(int seed = 1, string? name = null, int width = 320, int height = 180)
    {
        var path = Folder.File(name ?? $"image{seed}-{width}x{height}.png");
        SampleImage.WritePng(path, width, height, seed);
        return path;
    }

    /// <summary>
    /// Asserts that <paramref name="request"/> is refused while it is prepared for <paramref name="provider"/>:
    /// the given error id, naming the parameter, a validation error, and not one request sent.
    /// </summary>
    public SeedanceException AssertRefusedBeforeAnyRequest(string provider, VideoRequest request, string errorId, string parameter)
    {
        var connection = Session.Connections.FirstOrDefault(candidate => candidate.ProviderInfo.IsKnownAs(provider)) ?? Connect(provider);
        var error = Xunit.Assert.Throws<SeedanceException>(() => connection.Prepare(request));
        Xunit.Assert.Equal(errorId, error.ErrorId);
        Xunit.Assert.Equal(parameter, error.ParameterName);
        Xunit.Assert.Equal(SeedanceErrorCategory.Validation, error.Category);
        Xunit.Assert.Contains("-" + parameter, error.Message);
        Xunit.Assert.Equal(0, ApiRequests(provider));
        return error;
    }

    /// <summary>Requests that reached the emulator, excluding video downloads.</summary>
    public int ApiRequests(string provider = "WaveSpeed") => Server.RequestsTo(provider).Count;

    /// <summary>Submits that reached the emulator's twin (each may be a billed task).</summary>
    public int Submits(string provider = "WaveSpeed") =>
        Server.Tasks.Snapshot().Count(task => string.Equals(task.Spec.Provider, provider, StringComparison.OrdinalIgnoreCase));

    public void Dispose()
    {
        _otherClients.ForEach(session => session.Dispose());
        Session.Dispose();
        Server.Dispose();
        Folder.Dispose();
    }
}
