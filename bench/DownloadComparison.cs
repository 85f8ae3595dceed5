using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Seedance.Bench;

/// <summary>
/// One large video downloaded by the engine (streamed to .partial, length and MP4 checked, renamed) and by a
/// plain curl to a file, from the same emulator URL, a few times each; the medians are compared.
/// </summary>
internal static class DownloadComparison
{
    private const int Rounds = 3;

    public static async Task<(double EngineMegabytesPerSecond, double? CurlMegabytesPerSecond, long Bytes)> RunAsync(EmulatorProcess emulator, string folder)
    {
        using var bench = new BenchConnection(emulator, folder);
        var connection = bench.Connection;
        var submitted = await connection.SubmitAsync(connection.Prepare(BenchConnection.Request("bench: download", 0)), CancellationToken.None).ConfigureAwait(false);
        var task = await connection.WaitAsync(submitted, TimeSpan.FromMinutes(5), CancellationToken.None).ConfigureAwait(false);

        var target = Path.Combine(folder, "large.mp4");
        long bytes = 0;
        var engine = new double[Rounds];
        for (var round = 0; round < Rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            var file = await connection.SaveAsync(task, target, overwrite: true, null, CancellationToken.None).ConfigureAwait(false);
            engine[round] = clock.Elapsed.TotalSeconds;
            bytes = file.Length;
        }

        var curl = FindCurl();
        double? curlSpeed = null;
        if (curl is not null)
        {
            var times = new double[Rounds];
            for (var round = 0; round < Rounds; round++)
            {
                var clock = Stopwatch.StartNew();
                using var process = Process.Start(new ProcessStartInfo(curl, $"-s -f -o \"{target}.curl\" \"{task.VideoUrl}\"") { UseShellExecute = false })!;
                await process.WaitForExitAsync().ConfigureAwait(false);
                times[round] = clock.Elapsed.TotalSeconds;
            }

            curlSpeed = bytes / 1_000_000.0 / Median(times);
            File.Delete(target + ".curl");
        }

        File.Delete(target);
        return (bytes / 1_000_000.0 / Median(engine), curlSpeed, bytes);
    }

    private static double Median(double[] values) => values.OrderBy(value => value).ElementAt(values.Length / 2);

    private static string? FindCurl() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Select(folder => Path.Combine(folder, "curl")).FirstOrDefault(File.Exists);
}
