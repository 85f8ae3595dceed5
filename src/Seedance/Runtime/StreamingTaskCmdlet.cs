using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Seedance.Connections;

namespace Seedance.Commands.Runtime;

/// <summary>
/// The streaming shape of Wait-SeedanceTask and Save-SeedanceVideo. PowerShell calls ProcessRecord from the
/// upstream cmdlet's WriteObject, so blocking there would make the whole pipeline serial. Instead each input
/// task starts background work and ProcessRecord returns at once, after emitting whatever has finished
/// meanwhile; EndProcessing drains the rest. Results come out in the order they finish.
/// </summary>
public abstract class StreamingTaskCmdlet<TResult> : TaskInputCmdlet
{
    private readonly List<Task> _pending = new();
    private BatchProgress? _progress;

    /// <summary>The progress activity, e.g. "Waiting for Seedance tasks".</summary>
    protected abstract string Activity { get; }

    /// <summary>Decides on the pipeline thread whether to go ahead (ShouldProcess lives here).</summary>
    protected virtual bool Accept(VideoTask task) => true;

    /// <summary>The background work for one task.</summary>
    protected abstract Task<TResult> RunAsync(VideoTask task, SeedanceConnection connection, CancellationToken cancellationToken);

    /// <summary>Writes one finished result, on the pipeline thread.</summary>
    protected abstract void Emit(TResult result);

    /// <summary>Whether a result counts as a success for the progress summary.</summary>
    protected abstract bool Succeeded(TResult result);

    protected override void BeginProcessing() => _progress = new BatchProgress(this, Post, Activity);

    protected override void ProcessRecord()
    {
        try
        {
            foreach (var task in InputTasks())
            {
                StartOne(task);
            }
        }
        catch (SeedanceException ex)
        {
            ThrowSeedanceError(ex, Connection ?? Provider);
        }

        DrainQueue();
    }

    protected override void EndProcessing()
    {
        try
        {
            Pump(Task.WhenAll(_pending));
        }
        finally
        {
            _progress?.Dispose();
        }
    }

    private void StartOne(VideoTask task)
    {
        if (!Accept(task))
        {
            return;
        }

        var connection = State.Session.FindOrConnectFor(task);
        _progress!.Track(task, connection);
        var work = StartInBackground(token => RunAsync(task, connection, token));
        _pending.Add(work.ContinueWith(done => Post(() => Finish(task, done)), TaskScheduler.Default));
    }

    private void Finish(VideoTask task, Task<TResult> done)
    {
        if (done.Status == TaskStatus.RanToCompletion)
        {
            _progress!.Finished(task.Id, Succeeded(done.Result));
            Emit(done.Result);
            return;
        }

        _progress!.Finished(task.Id, succeeded: false);
        var failure = done.Exception?.GetBaseException();
        if (failure is SeedanceException seedance)
        {
            WriteSeedanceError(seedance, task);
        }
        else if (failure is not null and not OperationCanceledException)
        {
            WriteError(new ErrorRecord(failure, ErrorIds.UnexpectedFailure, ErrorCategory.NotSpecified, task));
        }
    }
}
