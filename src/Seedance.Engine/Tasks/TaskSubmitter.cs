using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using Seedance.Http;
using Seedance.Journal;
using Seedance.Media;
using Seedance.Providers;
using Seedance.Requests;

namespace Seedance.Tasks;

/// <summary>
/// Submits prepared requests for one connection: waits for a throttle slot, journals the submit's intent, makes
/// the one POST, records the task in the journal before anyone sees it, and hands it to the watcher. The slot is
/// held until the task ends, which the connection hears from the watcher (also for a task that was final from the
/// start) and passes to <see cref="Release"/>.
/// </summary>
public sealed class TaskSubmitter : IDisposable
{
    private readonly IVideoProvider _provider;
    private readonly ProviderContext _context;
    private readonly TaskJournal _journal;
    private readonly TaskWatcher _watcher;
    private readonly string _connectionName;
    private readonly ConcurrencyLimiter? _slots;
    private readonly ConcurrentDictionary<string, RateLimitLease> _leases = new(StringComparer.Ordinal);

    /// <summary>Made by its connection only: the connection frees the slots, as its watcher reports tasks ending.</summary>
    internal TaskSubmitter(IVideoProvider provider, ProviderContext context, TaskJournal journal, TaskWatcher watcher, string connectionName, int throttleLimit)
    {
        _provider = provider;
        _context = context;
        _journal = journal;
        _watcher = watcher;
        _connectionName = connectionName;
        if (throttleLimit > 0)
        {
            _slots = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
            {
                PermitLimit = throttleLimit,
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            });
        }
    }

    public async Task<VideoTask> SubmitAsync(PreparedRequest request, CancellationToken cancellationToken)
    {
        // Uploads cost nothing and do not occupy a generation slot, so they come before the throttle.
        request = await ImageDelivery.DeliverAsync(_provider, _context, request, cancellationToken).ConfigureAwait(false);
        var lease = await AcquireSlotAsync(cancellationToken).ConfigureAwait(false);
        VideoTask task;
        SubmitIntent intent;
        try
        {
            // Journalled before it goes out: should this process die before the answer comes, -Pending finds the task.
            intent = SubmitIntent.For(request, _provider.Info, _connectionName, _context.BaseUri);
            _journal.TryRecord(intent, journal => journal.RecordIntent(intent));
            task = await SendAsync(request with { ClientReference = intent.ClientReference }, intent, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            lease?.Dispose();
            throw;
        }

        task = task with
        {
            Connection = _connectionName,
            BaseUri = _context.BaseUri,
            EstimatedCost = request.EstimatedCost,
            Prompt = request.Prompt,
            DurationSeconds = request.DurationSeconds,
            Resolution = request.EffectiveResolution,
            AspectRatio = request.AspectRatio,
            SourceImage = request.Images.Count > 0 ? request.Images[0].FileName : null,
        };

        _journal.TryRecord(task, journal => journal.RecordSubmitted(task, _context.BaseUri, intent.Id));

        if (lease is not null)
        {
            _leases[task.Id] = lease;
        }

        SeedanceLog.Verbose($"Submitted task {task.Id}: {request.Summary}.");

        // Also a task already final here (a submit answered "completed", a recovered finished task): the watcher
        // announces its end at once, which frees the slot just stored.
        _ = _watcher.Watch(task, justSubmitted: true);
        return task;
    }

    /// <summary>
    /// The one POST. A refusal closes the intent (nothing was created); an answer lost on the way is settled from the
    /// provider's list of tasks. Any other failure (the process going down) leaves the intent open.
    /// </summary>
    private async Task<VideoTask> SendAsync(PreparedRequest request, SubmitIntent intent, CancellationToken cancellationToken)
    {
        try
        {
            // Not cancellable once sent: abandoning a POST in flight would leave a billed task we never heard of.
            // It still ends within the per-attempt timeout.
            return await _provider.SubmitAsync(_context, request, CancellationToken.None).ConfigureAwait(false);
        }
        catch (SeedanceException lost) when (lost.SubmitMayHaveSucceeded)
        {
            return await LostSubmitRecovery.RecoverAsync(_provider, _context, _journal, intent, lost, cancellationToken).ConfigureAwait(false);
        }
        catch (SeedanceException refused)
        {
            _journal.TryRecord(intent, journal => journal.RecordIntentClosed(intent, refused.Message));
            throw;
        }
    }

    private async Task<RateLimitLease?> AcquireSlotAsync(CancellationToken cancellationToken)
    {
        if (_slots is null)
        {
            return null;
        }

        var lease = _slots.AttemptAcquire();
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            SeedanceLog.Verbose($"{_leases.Count} tasks are unfinished, the throttle limit of this connection; waiting for one to finish.");
            lease = await _slots.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        }

        return lease;
    }

    /// <summary>Frees the throttle slot <paramref name="task"/> holds, if it holds one; a second call for it does nothing.</summary>
    internal void Release(VideoTask task)
    {
        if (_leases.TryRemove(task.Id, out var lease))
        {
            lease.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var lease in _leases.Values)
        {
            lease.Dispose();
        }

        _slots?.Dispose();
    }
}
