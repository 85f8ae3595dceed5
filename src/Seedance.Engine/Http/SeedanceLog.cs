namespace Seedance.Http;

/// <summary>
/// Where the engine's verbose messages and warnings go. A cmdlet captures a sink for the duration of its work;
/// the sink flows with async calls, so HTTP calls made on its behalf report to it, and work on behalf of nobody
/// (background polling between cmdlets) reports nowhere. No state is shared between runspaces.
/// </summary>
public static class SeedanceLog
{
    private static readonly AsyncLocal<Sink?> CurrentSink = new();

    /// <summary>
    /// Sends this async flow's messages to <paramref name="verbose"/> and its warnings to <paramref name="warning"/>
    /// (to <paramref name="verbose"/> when none is given) until disposed.
    /// </summary>
    public static IDisposable Capture(Action<string> verbose, Action<string>? warning = null)
    {
        var previous = CurrentSink.Value;
        CurrentSink.Value = new Sink(verbose, warning ?? verbose);
        return new Restore(previous);
    }

    /// <summary>Runs <paramref name="action"/> with no sink, for long-lived background work started from a cmdlet.</summary>
    public static void Detached(Action action)
    {
        var previous = CurrentSink.Value;
        CurrentSink.Value = null;
        try
        {
            action();
        }
        finally
        {
            CurrentSink.Value = previous;
        }
    }

    public static void Verbose(string message) => CurrentSink.Value?.Verbose(message);

    /// <summary>Something the user should see even without -Verbose, that does not stop the work.</summary>
    public static void Warning(string message) => CurrentSink.Value?.Warning(message);

    private sealed class Sink
    {
        public Sink(Action<string> verbose, Action<string> warning)
        {
            Verbose = verbose;
            Warning = warning;
        }

        public Action<string> Verbose { get; }

        public Action<string> Warning { get; }
    }

    private sealed class Restore : IDisposable
    {
        private readonly Sink? _previous;

        public Restore(Sink? previous) => _previous = previous;

        public void Dispose() => CurrentSink.Value = _previous;
    }
}
