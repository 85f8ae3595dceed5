using System;

namespace Seedance.Emulator.Server;

/// <summary>One request the emulator received, so tests can count what reached the "provider".</summary>
public sealed class RecordedRequest
{
    public RecordedRequest(string method, string path, DateTimeOffset at)
    {
        Method = method;
        Path = path;
        At = at;
    }

    public string Method { get; }

    /// <summary>The full path including the twin prefix, without the query.</summary>
    public string Path { get; }

    public DateTimeOffset At { get; }

    public override string ToString() => $"{Method} {Path}";
}
