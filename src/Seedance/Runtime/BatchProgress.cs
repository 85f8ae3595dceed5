using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Management.Automation;
using Seedance.Connections;
using Seedance.Tasks;

namespace Seedance.Commands.Runtime;

/// <summary>
/// One progress record for a whole batch (not one per task), refreshed at most twice a second, plus a
/// verbose line per task state change so runbooks, which show no progress bars, still see what happens.
/// Lives on the pipeline thread; watcher events reach it through the cmdlet's queue.
/// </summary>
internal sealed class BatchProgress : IDisposable
{
    private static readonly TimeSpan MinimumInterval = TimeSpan.FromMilliseconds(500);

    private readonly Cmdlet _cmdlet;
    private readonly Action<Action> _post;
    private readonly string _activity;
    private readonly Dictionary<string, TaskState> _states = new(StringComparer.Ordinal);
    private readonly List<(SeedanceConnection Connection, Action<VideoTask> Handler)> _subscriptions = new();
    private readonly Stopwatch _sinceLastRecord = Stopwatch.StartNew();
    private int _done;
    private int _failed;

    public BatchProgress(Cmdlet cmdlet, Action<Action> post, string activity)
    {
        _cmdlet = cmdlet;
        _post = post;
        _activity = activity;
    }

    /// <summary>Counts a task in, and follows its state changes through its connection.</summary>
    public void Track(VideoTask task, SeedanceConnection connection)
    {
        _states[task.Id] = task.Lifecycle;
        if (!_subscriptions.Exists(subscription => ReferenceEquals(subscription.Connection, connection)))
        {
            Action<VideoTask> handler = changed => _post(() => OnChanged(changed));
            connection.TaskChanged += handler;
            _subscriptions.Add((connection, handler));
        }

        Render(force: false);
    }

    /// <summary>Counts a task out.</summary>
    public void Finished(string id, bool succeeded)
    {
        _states.Remove(id);
        _done++;
        if (!succeeded)
        {
            _failed++;
        }

        Render(force: _states.Count == 0);
    }

    private void OnChanged(VideoTask task)
    {
        if (!_states.ContainsKey(task.Id) || task.IsFinal)
        {
            return;
        }

        _states[task.Id] = task.Lifecycle;
        var position = task.QueuePosition is { } queued ? $" (queue position {queued})" : string.Empty;
        _cmdlet.WriteVerbose($"Task {task.Id}: {task.StateWord()}{position}.");
        Render(force: false);
    }

    private void Render(bool force)
    {
        if (!force && _sinceLastRecord.Elapsed < MinimumInterval)
        {
            return;
        }

        _sinceLastRecord.Restart();
        var total = _done + _states.Count;
        var running = 0;
        foreach (var state in _states.Values)
        {
            running += state == TaskState.Running ? 1 : 0;
        }

        var record = new ProgressRecord(1, _activity, $"{_done} of {total} done{(_failed > 0 ? $" ({_failed} not succeeded)" : string.Empty)}; {running} running, {_states.Count - running} waiting")
        {
            PercentComplete = total == 0 ? 100 : _done * 100 / total,
            RecordType = _states.Count == 0 ? ProgressRecordType.Completed : ProgressRecordType.Processing,
        };
        _cmdlet.WriteProgress(record);
    }

    public void Dispose()
    {
        foreach (var (connection, handler) in _subscriptions)
        {
            connection.TaskChanged -= handler;
        }

        _subscriptions.Clear();
    }
}
