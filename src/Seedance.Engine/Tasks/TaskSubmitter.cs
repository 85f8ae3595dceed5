using Seedance.Connections;
using Seedance.Http;
using Seedance.Journal;
using Seedance.Media;
using Seedance.Providers;
using Seedance.Requests;

namespace Seedance.Tasks;

/// <summary>
/// Submits prepared requests for one connection: waits for a throttle slot, journals the submit's intent, makes
/// the one POST, records the task in the journal before anyone sees it, and hands it to the watcher. The task holds
/// its slot until it ends (see <see cref="TaskLifecycle"/>), also when it was final from the start.
/// </summary>
public sealed class TaskSubmitter
{
    private readonly IVideoProvider _provider;
    private readonly ProviderContext _context;
    private readonly TaskJournal _journal;
    private readonly TaskWatcher _watcher;
    private readonly TaskLifecycle _lifecycle;
    private readonly DownloadAdmission _downloads;
    private readonly string _connectionName;

    internal TaskSubmitter(IVideoProvider provider, ProviderContext context, TaskJournal journal, TaskWatcher watcher, TaskLifecycle lifecycle, DownloadAdmission downloads, string connectionName)
    {
        _provider = provider;
        _context = context;
        _journal = journal;
        _watcher = watcher;
        _lifecycle = lifecycle;
        _downloads = downloads;
        _connectionName = connectionName;
    }

    public Task<VideoTask> SubmitAsync(PreparedRequest request, CancellationToken cancellationToken) =>
        SubmitAsync(request, taken: null, cancellationToken);

    /// <param name="taken">A slot the caller took already (see <see cref="ThrottleSlot"/>); null waits for one here.</param>
    public async Task<VideoTask> SubmitAsync(PreparedRequest request, ThrottleSlot? taken, CancellationToken cancellationToken)
    {
        try
        {
            // Uploads cost nothing and do not occupy a generation slot, so they come before the throttle (unless the
            // caller took its slot first).
            request = await InputDelivery.DeliverAsync(_provider, _context, request, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            taken?.Dispose();
            throw;
        }

        var slot = (taken ?? await _lifecycle.TakeSlotAsync(cancellationToken).ConfigureAwait(false)).TakeOver();
        VideoTask task;
        SubmitIntent intent;
        using (_downloads.SubmitUnderWay())
        {
            try
            {
                // Journalled before it goes out: should this process die before the answer comes, -Pending finds the task.
                intent = SubmitIntent.For(request, _provider.Info, _connectionName, _context.BaseUri);
                await _journal.TryRecordAsync(intent, journal => journal.RecordIntentAsync(intent)).ConfigureAwait(false);
                task = await SendAsync(request with { ClientReference = intent.ClientReference }, intent, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                slot?.Dispose();
                throw;
            }
        }

        task = task with
        {
            Connection = _connectionName,
            BaseUri = _context.BaseUri,
            EstimatedCost = request.EstimatedCost,
            Prompt = request.Prompt,
            // A length the model chooses is known from the provider's answers, not before.
            DurationSeconds = request.ModelChoosesDuration ? null : request.DurationSeconds,
            Resolution = request.EffectiveResolution,
            AspectRatio = request.AspectRatio,
            SourceImage = request.Images.Count > 0 ? request.Images[0].FileName : null,
        };

        await _journal.TryRecordAsync(task, journal => journal.RecordSubmittedAsync(task, _context.BaseUri, intent.Id)).ConfigureAwait(false);

        _lifecycle.Open(task, slot);
        SeedanceLog.Verbose($"Submitted task {task.Id}: {request.Summary}.");

        // Also a task already final here (a submit answered "completed", a recovered finished task): the watcher
        // ends it at once, which frees the slot it was just given.
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
}
