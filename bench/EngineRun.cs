using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Seedance.Connections;
using Seedance.Media;

namespace Seedance.Bench;

/// <summary>
/// The engine end to end, shaped like New | Wait | Save: each submit waits for a throttle slot (as
/// New-SeedanceVideo does), and every submitted task is awaited and downloaded as soon as it finishes. Submits go
/// as many at once as the cmdlet sends them (the connection's SubmitsInFlight), or as many as asked.
/// </summary>
internal static class EngineRun
{
    /// <param name="downloadLimit">Downloads at once; null is the connection's own, sized to the throttle limit as the cmdlets get it.</param>
    /// <param name="submitters">
    /// Submits under way at once, all under the one throttle: null is the connection's SubmitsInFlight, as
    /// New-SeedanceVideo keeps them; 1 is a script that calls the engine one submit at a time.
    /// </param>
    /// <param name="videos">Where the videos are saved; the journal stays in <paramref name="folder"/>.</param>
    public static async Task<RunResult> RunAsync(EmulatorProcess emulator, Scenario scenario, string folder, string videos, int? downloadLimit, int? submitters = null)
    {
        using var bench = new BenchConnection(emulator, folder, options =>
        {
            options.ThrottleLimit = scenario.Concurrency;
            options.MaxConcurrentDownloads = downloadLimit;
        });
        var connection = bench.Connection;
        var submitting = submitters ?? connection.SubmitsInFlight;

        var downloadTime = TimeSpan.Zero;
        var downloadLock = new object();
        List<SavedFile> files;
        RunResult result;
        await using (var sampler = new ResourceSampler())
        {
            var clock = Stopwatch.StartNew();
            var saves = new Task<SavedFile>[scenario.Tasks];
            var timeline = new TaskTimeline(clock, scenario.Tasks, scenario.Concurrency);
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, submitting).Select(async _ =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < scenario.Tasks)
                {
                    var task = await connection.SubmitAsync(connection.Prepare(BenchConnection.Request("bench: slow orbital pan", i)), CancellationToken.None).ConfigureAwait(false);
                    timeline.Answered(i);
                    var index = i;
                    saves[i] = SaveWhenFinishedAsync(connection, task, videos, () => timeline.Finished(index), elapsed =>
                    {
                        timeline.Saved(index);
                        lock (downloadLock)
                        {
                            downloadTime += elapsed;
                        }
                    });
                }
            })).ConfigureAwait(false);

            files = (await Task.WhenAll(saves).ConfigureAwait(false)).ToList();
            var makespan = clock.Elapsed;
            var bytes = files.Sum(file => file.Length);
            result = new RunResult(submitters is null ? "engine" : $"engine x{submitting}", scenario, makespan)
            {
                DownloadMegabytesPerSecond = bytes / 1_000_000.0 / downloadTime.TotalSeconds,
                PeakWorkingSetGrowthMegabytes = sampler.PeakGrowthBytes / 1_000_000.0,
                CpuMillisecondsPerTask = sampler.CpuTime.TotalMilliseconds / scenario.Tasks,
                VideosVerified = files.Count,
                Timeline = timeline.Describe(bytes),
            };
        }

        foreach (var file in files)
        {
            File.Delete(file.Path);
        }

        return result.WithEmulatorFigures(await emulator.StatisticsAsync().ConfigureAwait(false));
    }

    /// <summary>
    /// What the run keeps of each saved video: its path and length, not the result objects, so the working set is the
    /// engine's own (a script that keeps every result, as <c>$files = … | Save-SeedanceVideo</c> does, adds them).
    /// </summary>
    private sealed record SavedFile(string Path, long Length);

    private static async Task<SavedFile> SaveWhenFinishedAsync(SeedanceConnection connection, VideoTask task, string folder, Action seenFinished, Action<TimeSpan> downloaded)
    {
        var finished = await connection.WaitAsync(task, TimeSpan.FromMinutes(30), CancellationToken.None).ConfigureAwait(false);
        seenFinished();
        var transfer = new TransferClock();
        var file = await connection.SaveAsync(finished, Path.Combine(folder, task.Id + ".mp4"), overwrite: true, transfer, CancellationToken.None).ConfigureAwait(false);
        downloaded(transfer.Elapsed);
        return new SavedFile(file.Path, file.Length);
    }

    /// <summary>Times a download from its first bytes to its last, leaving out any wait for a download slot.</summary>
    private sealed class TransferClock : IProgress<long>
    {
        private readonly Stopwatch _clock = new();

        public TimeSpan Elapsed => _clock.Elapsed;

        public void Report(long value)
        {
            if (!_clock.IsRunning && _clock.ElapsedTicks == 0)
            {
                _clock.Start();
            }
        }
    }
}
