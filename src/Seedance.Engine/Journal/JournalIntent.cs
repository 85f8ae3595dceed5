using Seedance.Tasks;

namespace Seedance.Journal;

/// <summary>A submit as the journal knows it: its intent, and whether the answer (or a settlement) has closed it.</summary>
public sealed class JournalIntent
{
    internal JournalIntent(SubmitIntent submit) => Submit = submit;

    public SubmitIntent Submit { get; }

    /// <summary>The task the submit created, once known.</summary>
    public string? TaskId { get; private set; }

    /// <summary>Why the submit is known to have created nothing (a refusal, or a task list that shows none).</summary>
    public string? ClosedBecause { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>
    /// Neither answered nor settled: the submit went out and may have created a task nobody here has heard of
    /// (its process died, or its answer was lost and the provider's list could not tell).
    /// </summary>
    public bool IsOpen => TaskId is null && ClosedBecause is null;

    internal void Apply(JournalEntry entry)
    {
        if (entry.Event == "submitted" && entry.Id.Length > 0)
        {
            TaskId = entry.Id;
        }
        else if (entry.Event == "closed")
        {
            ClosedBecause = entry.Error ?? "closed";
            ClosedAt = entry.At;
        }
    }
}
