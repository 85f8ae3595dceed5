using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Seedance.Http;

namespace Seedance.Commands.Runtime;

/// <summary>
/// The threading rule of the cmdlets that run engine work in the background. That work runs on background threads;
/// everything that talks to PowerShell (WriteObject, WriteError, WriteVerbose, WriteProgress, ShouldProcess) runs on
/// the pipeline thread, which drains a queue the background work fills. Ctrl+C (StopProcessing) cancels one token
/// that reaches every HTTP call and every wait.
/// </summary>
public abstract class BackgroundWorkCmdlet : SeedanceCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly BlockingCollection<Action> _toPipeline = new();

    /// <summary>Cancelled when the user presses Ctrl+C or the pipeline is stopped.</summary>
    protected CancellationToken StopToken => _stopping.Token;

    protected override void StopProcessing() => _stopping.Cancel();

    /// <summary>Runs <paramref name="work"/> on a background thread and serves its queued output here until it ends.</summary>
    protected T RunInBackground<T>(Func<CancellationToken, Task<T>> work)
    {
        var task = StartInBackground(work);
        Pump(task);
        return task.GetAwaiter().GetResult();
    }

    /// <summary>Starts <paramref name="work"/> on a background thread; its verbose messages come back through the queue.</summary>
    protected Task<T> StartInBackground<T>(Func<CancellationToken, Task<T>> work) =>
        Task.Run(async () =>
        {
            using (SeedanceLog.Capture(message => Post(() => WriteVerbose(message)), warning => Post(() => WriteWarning(warning))))
            {
                return await work(StopToken).ConfigureAwait(false);
            }
        });

    /// <summary>Queues an action for the pipeline thread; callable from any thread.</summary>
    protected void Post(Action action)
    {
        if (!_toPipeline.IsAddingCompleted)
        {
            _toPipeline.Add(action);
        }
    }

    /// <summary>Runs queued actions here until <paramref name="until"/> has finished, then the rest of the queue.</summary>
    protected void Pump(Task until)
    {
        until.ContinueWith(_ => Post(static () => { }), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        while (!until.IsCompleted)
        {
            _toPipeline.Take()();
        }

        DrainQueue();
    }

    /// <summary>Runs whatever is queued now, without waiting for more.</summary>
    protected void DrainQueue()
    {
        while (_toPipeline.TryTake(out var action))
        {
            action();
        }
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _toPipeline.Dispose();
        GC.SuppressFinalize(this);
    }
}
