namespace Seedance.Journal;

/// <summary>
/// What a compacted journal keeps and what it moves to the archive. The journal is read whole by every -Recent and
/// -Pending, so it is folded to one line per task; tasks settled long ago go to the archive beside it.
/// </summary>
/// <remarks>
/// Nothing unsettled ever leaves the journal, however old: a task still owed something (unfinished, or succeeded
/// and never saved) and a submit never answered (an open intent) stay, so -Pending still finds them.
/// </remarks>
internal static class JournalCompaction
{
    /// <summary>How long settled tasks stay in the journal: longer than any provider keeps a video (7 days at most).</summary>
    public static readonly TimeSpan SettledRetention = TimeSpan.FromDays(30);

    public static (List<JournalEntry> Kept, List<JournalEntry> Archived) Plan(
        IEnumerable<JournalRecord> records, IEnumerable<JournalIntent> intents, DateTimeOffset now, int processId)
    {
        var kept = new List<JournalEntry>();
        var archived = new List<JournalEntry>();
        var settledBefore = now - SettledRetention;

        foreach (var record in records.OrderBy(record => record.SubmittedAt))
        {
            var stays = record.IsPending || record.SubmittedAt >= settledBefore;
            (stays ? kept : archived).Add(record.ToCompactedEntry(processId));
        }

        foreach (var intent in intents.OrderBy(intent => intent.Submit.SentAt))
        {
            if (intent.IsOpen)
            {
                kept.Add(TaskJournal.IntentEntry(intent.Submit, processId));
            }
            else if (intent.ClosedBecause is { } reason)
            {
                // An answered intent lives on in its task's line; one that created nothing is kept only in the archive.
                archived.Add(TaskJournal.IntentEntry(intent.Submit, processId));
                archived.Add(TaskJournal.ClosedEntry(intent.Submit, reason, intent.ClosedAt ?? now, processId));
            }
        }

        return (kept, archived);
    }
}
