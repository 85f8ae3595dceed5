using System;

namespace Seedance.Bench;

/// <summary>
/// One benchmark scenario: N tasks, a concurrency cap C, a generation time T, a video size S, and the account's
/// submit quota per minute where the provider's tier has one (the emulator enforces it).
/// </summary>
internal sealed record Scenario(string Name, int Tasks, int Concurrency, TimeSpan Latency, long? OutputBytes, int? SubmitsPerMinute = null)
{
    /// <summary>
    /// The physical limit: each task starts once a slot is free (C at a time) and its submit fits the quota's
    /// minute (the quota resets every minute from the first submit, as WaveSpeed's does), then takes T.
    /// </summary>
    public TimeSpan Ideal
    {
        get
        {
            var starts = new double[Tasks];
            var window = 0L;
            var inWindow = 0;
            var last = 0.0;
            for (var i = 0; i < Tasks; i++)
            {
                var start = Math.Max(last, i >= Concurrency ? starts[i - Concurrency] + Latency.TotalSeconds : 0);
                if (SubmitsPerMinute is { } quota)
                {
                    var minute = (long)Math.Floor(start / 60);
                    if (minute > window)
                    {
                        (window, inWindow) = (minute, 0);
                    }

                    if (inWindow == quota)
                    {
                        (window, inWindow, start) = (window + 1, 0, (window + 1) * 60.0);
                    }

                    inWindow++;
                }

                starts[i] = last = start;
            }

            return TimeSpan.FromSeconds(Tasks == 0 ? 0 : last + Latency.TotalSeconds);
        }
    }

    public string Describe() =>
        $"N={Tasks} C={Concurrency} T={Latency.TotalSeconds:0.#}s {(OutputBytes is { } bytes ? "S=" + Size(bytes) : "S as made")}"
        + (SubmitsPerMinute is { } quota ? $" {quota}/min" : string.Empty);

    private static string Size(long bytes) => bytes >= 1_000_000 ? $"{bytes / 1_000_000}MB" : $"{bytes / 1000}KB";
}
