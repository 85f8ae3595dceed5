using System;
using System.Threading;

namespace Seedance.Http;

/// <summary>
/// Where the engine's verbose messages go. A cmdlet captures a sink for the duration of its work; the sink
/// flows with async calls, so HTTP calls made on its behalf report to it, and work on behalf of nobody
/// (background polling between cmdlets) reports nowhere. No state is shared between runspaces.
/// </summary>
public static class SeedanceLog
{
    private static readonly AsyncLocal<Action<string>?> CurrentSink = new();

    /// <summary>Sends verbose messages from this async flow to <paramref name="sink"/> until disposed.</summary>
    public static IDisposable Capture(Action<string> sink)
    {
        var previous = CurrentSink.Value;
        CurrentSink.Value = sink;
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

    public static void Verbose(string message) => CurrentSink.Value?.Invoke(message);

    private sealed class Restore : IDisposable
    {
        private readonly Action<string>? _previous;

        public Restore(Action<string>? previous) => _previous = previous;

        public void Dispose() => CurrentSink.Value = _previous;
    }
}
