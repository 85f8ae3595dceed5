using Seedance.Http;
using Seedance.Tasks;

namespace Seedance.Connections;

/// <summary>
/// What Get-SeedanceTask -Pending does with submits that went out and were never answered (their process died,
/// or their answer was lost and the provider's list could not tell): each is looked for again in its provider's
/// list, at the address it was sent to. A task found is journalled and listed with the pending tasks; a submit
/// shown to have created nothing is closed; any other is reported plainly, with where to look.
/// </summary>
public static class PendingSubmits
{
    /// <summary>Settles the journal's open intents sent since <paramref name="since"/>; returns the tasks found (now journalled).</summary>
    public static async Task<IReadOnlyList<VideoTask>> SettleAsync(SeedanceSession session, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var found = new List<VideoTask>();
        foreach (var open in session.Journal.ReadIntents().Where(intent => intent.IsOpen && intent.Submit.SentAt >= since))
        {
            var intent = open.Submit;
            if (ConnectionFor(session, intent) is not { } connection)
            {
                SeedanceLog.Warning($"{intent.Describe()} may have created a task this machine never heard of. Connect to where it was sent (Connect-Seedance -Provider {intent.Provider} -BaseUri {intent.BaseUri}) and run Get-SeedanceTask -Pending again to look for it.");
                continue;
            }

            var settlement = await connection.SettleAsync(intent, cancellationToken).ConfigureAwait(false);
            var explanation = settlement.Explain(connection.ProviderInfo);
            if (settlement.Task is { } listed)
            {
                var task = listed with
                {
                    Connection = connection.Name,
                    Prompt = intent.Prompt,
                    DurationSeconds = intent.DurationSeconds,
                    EstimatedCost = intent.EstimatedCost,
                };
                session.Journal.TryRecord(task, journal => journal.RecordSubmitted(task, connection.BaseUri, intent.Id));
                SeedanceLog.Verbose($"{intent.Describe()} was never answered; {explanation}");
                found.Add(task);
            }
            else if (!settlement.LeavesItOpen)
            {
                session.Journal.TryRecord(intent, journal => journal.RecordIntentClosed(intent, explanation));
                SeedanceLog.Warning($"{intent.Describe()} was never answered, and created no task: {explanation}");
            }
            else
            {
                SeedanceLog.Warning($"{intent.Describe()} was never answered and may have created a task this machine never heard of. {explanation}");
            }
        }

        return found;
    }

    /// <summary>
    /// A connection to where the submit went: this session's own when one talks to that provider at that address,
    /// else the one from the environment when the submit went to the provider's own address. Never another address.
    /// </summary>
    private static SeedanceConnection? ConnectionFor(SeedanceSession session, SubmitIntent intent)
    {
        var atThatAddress = session.Connections
            .Where(connection => connection.ProviderInfo.IsKnownAs(intent.Provider) && SameAddress(connection.BaseUri, intent.BaseUri))
            .OrderByDescending(connection => connection.Name == intent.Connection)
            .FirstOrDefault();
        if (atThatAddress is not null || intent.BaseUri is null)
        {
            return atThatAddress;
        }

        try
        {
            var fromEnvironment = session.FindOrConnect(null, intent.Provider);
            return SameAddress(fromEnvironment.BaseUri, intent.BaseUri) ? fromEnvironment : null;
        }
        catch (SeedanceException)
        {
            // No key for it here: the warning says how to connect.
            return null;
        }
    }

    private static bool SameAddress(Uri connection, string? intent) =>
        string.Equals(connection.AbsoluteUri.TrimEnd('/'), intent?.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
}
