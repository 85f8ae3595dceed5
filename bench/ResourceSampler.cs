using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Seedance.Bench;

/// <summary>Samples this process's working set while a scenario runs, and its CPU time, from a baseline.</summary>
internal sealed class ResourceSampler : IAsyncDisposable
{
    private readonly Process _self = Process.GetCurrentProcess();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private readonly long _baselineWorkingSet;
    private readonly TimeSpan _baselineCpu;
    private const string StatmPath = "/proc/self/statm";
    private readonly bool _hasStatm = File.Exists(StatmPath);
    private long _peakWorkingSet;

    public ResourceSampler()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        _baselineWorkingSet = WorkingSet();
        _peakWorkingSet = _baselineWorkingSet;
        _baselineCpu = _self.TotalProcessorTime;
        _sampling = Task.Run(SampleAsync);
    }

    /// <summary>How far the working set rose above where it was when sampling began.</summary>
    public long PeakGrowthBytes => Interlocked.Read(ref _peakWorkingSet) - _baselineWorkingSet;

    public TimeSpan CpuTime
    {
        get
        {
            _self.Refresh();
            return _self.TotalProcessorTime - _baselineCpu;
        }
    }

    private async Task SampleAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var current = WorkingSet();
            if (current > Interlocked.Read(ref _peakWorkingSet))
            {
                Interlocked.Exchange(ref _peakWorkingSet, current);
            }

            try
            {
                await Task.Delay(20, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// The resident set, from /proc/self/statm where there is one: Process.WorkingSet64 refreshes the whole process
    /// snapshot, which on Linux reads every thread's stat file, and at 50 samples a second that was CPU the
    /// benchmark charged to the client.
    /// </summary>
    private long WorkingSet()
    {
        if (_hasStatm)
        {
            var residentPages = long.Parse(File.ReadAllText(StatmPath).Split(' ')[1], CultureInfo.InvariantCulture);
            return residentPages * Environment.SystemPageSize;
        }

        _self.Refresh();
        return _self.WorkingSet64;
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _sampling.ConfigureAwait(false);
        _stop.Dispose();
    }
}
