using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using Seedance.Http;
using Seedance.Journal;
using Seedance.Providers;
using Seedance.Requests;

namespace Seedance.Tasks;

/// <summary>
/// After a submit whose answer was lost (a timeout, a dropped connection, a 502), asks the provider's list of
/// recent tasks whether one was created. A task nobody here knows of, of the same model, created since the submit
/// was sent, is this submit's: it is recovered and carries on as if the answer had arrived. None means nothing was
/// created and submitting again is safe; several means the user must look, and nothing is submitted again.
/// </summary>
internal static class LostSubmitRecovery
{
    /// <summary>Provider clocks are not ours: a task stamped slightly before the submit left can still be its.</summary>
    private static readonly TimeSpan ClockSlack = TimeSpan.FromMinutes(2);

    public static async Task<VideoTask> RecoverAsync(ITaskLister lister, ProviderContext context, TaskJournal journal, PreparedRequest request, DateTimeOffset sentAt, SeedanceException lost, RateLimitLease? lease)
    {
        var provider = request.Model.Provider;
        var since = sentAt - ClockSlack;
        IReadOnlyList<VideoTask> listed;
        try
        {
            listed = await lister.ListRecentAsync(context, since, CancellationToken.None).ConfigureAwait(false);
        }
        catch (SeedanceException listFailure)
        {
            lease?.Dispose();
            throw Settled(lost, lost.ErrorId, $"{lost.Message} Its list of recent tasks could not be read either ({listFailure.Message}).", stillOpen: true);
        }

        var known = new HashSet<string>(journal.ReadAll().Where(record => record.Provider == provider).Select(record => record.Id), StringComparer.Ordinal);
        var candidates = listed.Where(task => !known.Contains(task.Id) && request.Model.IsKnownAs(task.Model) && task.CreatedAt >= since).ToList();
        if (candidates.Count == 1)
        {
            SeedanceLog.Verbose($"The answer to a submit was lost ({lost.ErrorId}); {provider}'s list of recent tasks shows it created task {candidates[0].Id}, which carries on as submitted.");
            return candidates[0];
        }

        lease?.Dispose();
        var reason = lost.Message.Replace(SeedanceHttp.AmbiguousSubmitAdvice, string.Empty).Trim();
        if (candidates.Count == 0)
        {
            throw Settled(lost, "SubmitNotCreated", $"{reason} {provider}'s list of tasks created since {since:HH:mm:ss} UTC shows none from this submit: no task was created, and submitting it again is safe.", stillOpen: false);
        }

        throw Settled(lost, "SubmitOutcomeUnknown", $"{reason} {provider} created {candidates.Count} tasks unknown to this machine since {since:HH:mm:ss} UTC: {string.Join(", ", candidates.Select(task => task.Id))}. One may be this submit's; check them with Get-SeedanceTask -Id before submitting it again.", stillOpen: true);
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
        };
}
