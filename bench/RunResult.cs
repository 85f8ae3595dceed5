using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace Seedance.Bench;

/// <summary>The figures of one run of one scenario.</summary>
internal sealed record RunResult(string Runner, Scenario Scenario, TimeSpan Makespan)
{
    public double StatusRequestsPerTask { get; init; } = double.NaN;

    public double DetectionMedianMs { get; init; } = double.NaN;

    public double DetectionP95Ms { get; init; } = double.NaN;

    public double DownloadMegabytesPerSecond { get; init; } = double.NaN;

    public double PeakWorkingSetGrowthMegabytes { get; init; } = double.NaN;

    public double CpuMillisecondsPerTask { get; init; } = double.NaN;

    public int VideosVerified { get; init; }

    /// <summary>Where an engine run's time went (see <see cref="TaskTimeline"/>); null for the other runners.</summary>
    public string? Timeline { get; init; }

    public double Ratio => Makespan.TotalSeconds / Scenario.Ideal.TotalSeconds;

    /// <summary>Status requests and detection latencies as the emulator counted them.</summary>
    public RunResult WithEmulatorFigures(JsonElement statistics)
    {
        var latencies = statistics.GetProperty("detectionLatencyMs").EnumerateArray().Select(value => value.GetDouble()).OrderBy(value => value).ToList();
        return this with
        {
            StatusRequestsPerTask = statistics.GetProperty("statusRequests").GetDouble() / Scenario.Tasks,
            DetectionMedianMs = Percentile(latencies, 0.5),
            DetectionP95Ms = Percentile(latencies, 0.95),
        };
    }

    private static double Percentile(IReadOnlyList<double> sorted, double fraction) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(fraction * sorted.Count) - 1)];
}
