using Polly;
using Polly.Retry;
using Seedance.Http;
using Seedance.Journal;
using Seedance.Providers;

namespace Seedance.Tasks;

/// <summary>
/// Settles a submit whose answer never came (a timeout, a dropped connection, a 502, a killed process) from the
/// provider's list of recent tasks. A task nobody here knows of that fits everything the submit carried and the
/// list shows is the submit's, if it is the only one: it is recovered and carries on as if the answer had arrived.
/// "Nothing was created" is concluded only from a list that shows every task, read again over a window after the
/// submit, because providers record a task seconds after it arrives. Anything else leaves the submit open.
/// </summary>
internal static class LostSubmitRecovery
{
    /// <summary>Provider clocks are not ours: a task stamped slightly before the submit left can still be its.</summary>
    internal static readonly TimeSpan ClockSlack = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The task of a submit that failed with <paramref name="lost"/> without saying whether it created one; or the
    /// submit's failure, now saying what the provider's list showed (SubmitNotCreated when nothing was created,
    /// SubmitOutcomeUnknown when a task may exist), with the intent closed in the journal when nothing was.
    /// </summary>
    public static async Task<VideoTask> RecoverAsync(IVideoProvider provider, ProviderContext context, TaskJournal journal, SubmitIntent intent, SeedanceException lost, CancellationToken cancellationToken)
    {
        var settlement = await SettleAsync(provider, context, journal, intent, cancellationToken).ConfigureAwait(false);
        var explanation = settlement.Explain(provider.Info);
        if (settlement.Task is { } task)
        {
            SeedanceLog.Verbose($"The answer to a submit was lost ({lost.ErrorId}); {explanation}");
            return task;
        }

        var reason = lost.Message.Replace(SeedanceHttp.AmbiguousSubmitAdvice, string.Empty).Trim();
        if (!settlement.LeavesItOpen)
        {
            journal.TryRecord(intent, written => written.RecordIntentClosed(intent, explanation));
            throw Settled(lost, ErrorIds.SubmitNotCreated, $"{reason} {explanation}", stillOpen: false);
        }

        throw Settled(lost, ErrorIds.SubmitOutcomeUnknown, $"{reason}{SeedanceHttp.AmbiguousSubmitAdvice} {explanation}", stillOpen: true);
    }

    /// <summary>
    /// Reads the provider's list until it answers for <paramref name="intent"/>: at once, then again with growing
    /// pauses while nothing fits and the settle window since the submit has not passed; an intent older than the
    /// window is read once. Cancelling stops the reading and leaves the intent as it was.
    /// </summary>
    public static async Task<SubmitSettlement> SettleAsync(IVideoProvider provider, ProviderContext context, TaskJournal journal, SubmitIntent intent, CancellationToken cancellationToken)
    {
        if (provider is not ITaskLister lister || provider.Info.FindModel(intent.Model) is not { } model)
        {
            return SubmitSettlement.NoList();
        }

        var settings = context.Http.Settings;
        var settleBy = intent.SentAt + settings.SubmitSettleWindow;
        var known = new HashSet<string>(journal.ReadAll().Where(record => record.Provider == intent.Provider).Select(record => record.Id), StringComparer.Ordinal);
        var readings = 0;
        var untilSettled = new ResiliencePipelineBuilder<SubmitSettlement>()
            .AddRetry(new RetryStrategyOptions<SubmitSettlement>
            {
                // Read again only while another reading could change the answer and the provider may still record the task.
                ShouldHandle = arguments => new ValueTask<bool>(arguments.Outcome.Result is { IsConclusive: false } reading && reading.ReadAt < settleBy),
                MaxRetryAttempts = int.MaxValue,
                Delay = settings.SubmitSettleInterval,
                MaxDelay = TimeSpan.FromTicks(settings.SubmitSettleInterval.Ticks * 8),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            })
            .Build();
        var settlement = await untilSettled.ExecuteAsync(async token =>
        {
            readings++;
            return await ReadAsync(lister, provider.Info, model, context, intent, known, settleBy, token).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return settlement.After(readings, DateTimeOffset.UtcNow - intent.SentAt);
    }

    /// <summary>One reading of the list, and what it says about the submit.</summary>
    private static async ValueTask<SubmitSettlement> ReadAsync(ITaskLister lister, ProviderInfo provider, ModelInfo model, ProviderContext context, SubmitIntent intent, ISet<string> known, DateTimeOffset settleBy, CancellationToken cancellationToken)
    {
        var readAt = DateTimeOffset.UtcNow;
        TaskListing listing;
        try
        {
            listing = await lister.ListRecentAsync(context, model, intent.SentAt - ClockSlack, cancellationToken).ConfigureAwait(false);
        }
        catch (SeedanceException unreadable)
        {
            return SubmitSettlement.Unreadable(unreadable.Message, readAt);
        }

        var unknown = listing.Tasks.Where(listed => !known.Contains(listed.Task.Id)).Select(listed => (Listed: listed, Fit: intent.Fit(listed, provider))).ToList();
        var same = unknown.Where(candidate => candidate.Fit == ListedFit.Same).Select(candidate => candidate.Listed.Task).ToList();
        var undecided = unknown.Where(candidate => candidate.Fit == ListedFit.Undecided).Select(candidate => candidate.Listed.Task.Id).ToList();
        return same.Count switch
        {
            1 => SubmitSettlement.Found(same[0]),
            > 1 => SubmitSettlement.SeveralFit(same.Select(task => task.Id)),
            _ when undecided.Count > 0 => SubmitSettlement.CannotTell(undecided, readAt),
            _ => SubmitSettlement.NoneFits(listing.ShowsEveryTask, readAt, settleBy),
        };
    }

    /// <summary>The submit's own failure, with what the task list said in place of the open question.</summary>
    private static SeedanceException Settled(SeedanceException lost, string errorId, string message, bool stillOpen) =>
        new(lost.Category, errorId, message, lost)
        {
            Provider = lost.Provider,
            StatusCode = lost.StatusCode,
            ProviderCode = lost.ProviderCode,
            RetryAfter = lost.RetryAfter,
            SubmitMayHaveSucceeded = stillOpen,
            RecommendedAction = stillOpen
                ? "Do not submit it again yet: run Get-SeedanceTask -Pending later, which looks for its task again."
                : "Submit it again: no task was created.",
        };
}
