using System;

namespace Seedance.Bench;

/// <summary>One benchmark scenario: N tasks, a concurrency cap C, a generation time T and a video size S.</summary>
internal sealed record Scenario(string Name, int Tasks, int Concurrency, TimeSpan Latency, long? OutputBytes)
{
    /// <summary>The physical limit: N tasks cannot finish before ceil(N/C) generation times.</summary>
    public TimeSpan Ideal => TimeSpan.FromTicks(Latency.Ticks * (long)Math.Ceiling(Tasks / (double)Concurrency));

    public string Describe() =>
        $"N={Tasks} C={Concurrency} T={Latency.TotalSeconds:0.#}s S={(OutputBytes is { } bytes ? Size(bytes) : "1.4MB")}";

    private static string Size(long bytes) => bytes >= 1_000_000 ? $"{bytes / 1_000_000}MB" : $"{bytes / 1000}KB";
}
