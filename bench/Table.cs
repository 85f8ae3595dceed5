using System.Globalization;

namespace Seedance.Bench;

/// <summary>The benchmark's table: one row per run, fixed-width, with a legend.</summary>
internal static class Table
{
    public const string Header =
        "| scenario                   | runner     | makespan | ideal  | ratio | status req/task | detect p50 | detect p95 | DL MB/s | peak WS +MB | CPU ms/task |\n" +
        "|----------------------------|------------|----------|--------|-------|-----------------|------------|------------|---------|-------------|-------------|";

    public const string Legend =
        "makespan: first submit to last verified file. ideal: the physical limit, C at a time for T each\n" +
        "within the submit quota per minute when the scenario names one (without: ceil(N/C)*T). ratio: makespan/ideal.\n" +
        "status req/task: status requests the emulator answered, per task. detect p50/p95: time from a task finishing\n" +
        "on the server to the first status answer saying so. DL MB/s: bytes / time spent transferring, per download.\n" +
        "peak WS +MB: the benchmark process's working-set peak above its start (emulator is a separate process).\n" +
        "CPU ms/task: the benchmark process's CPU time per task.";

    public static string Row(RunResult result) => string.Format(CultureInfo.InvariantCulture,
        "| {0,-26} | {1,-10} | {2,7:0.0}s | {3,5:0}s | {4,5:0.00} | {5,15} | {6,10} | {7,10} | {8,7} | {9,11} | {10,11} |",
        result.Scenario.Describe(), result.Runner, result.Makespan.TotalSeconds, result.Scenario.Ideal.TotalSeconds, result.Ratio,
        Figure(result.StatusRequestsPerTask, "0.0"), Figure(result.DetectionMedianMs, "0' ms'"), Figure(result.DetectionP95Ms, "0' ms'"),
        Figure(result.DownloadMegabytesPerSecond, "0"), Figure(result.PeakWorkingSetGrowthMegabytes, "0"), Figure(result.CpuMillisecondsPerTask, "0.0"));

    private static string Figure(double value, string format) => double.IsNaN(value) ? "-" : value.ToString(format, CultureInfo.InvariantCulture);
}
