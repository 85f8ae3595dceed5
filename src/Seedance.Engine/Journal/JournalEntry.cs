namespace Seedance.Journal;

/// <summary>
/// One line of the journal: an event in a task's life, or in a submit's (its intent, written before it goes out,
/// and what became of it). Later lines about the same task or intent add to earlier ones. Holds no key and no video
/// URL (those carry signatures); a fresh status query yields a new URL.
/// </summary>
public sealed class JournalEntry
{
    /// <summary>intent, submitted, closed (an intent that created no task), updated, saved, cancelled, or compacted (a task's history folded into one line).</summary>
    public string Event { get; set; } = string.Empty;

    public DateTimeOffset At { get; set; }

    /// <summary>On compacted lines, which stand for a task's whole history: when it was submitted (At is its last update).</summary>
    public DateTimeOffset? SubmittedAt { get; set; }

    /// <summary>The task's id; empty on intent and closed lines, which come before (or instead of) a task.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>The submit intent the line belongs to: on intent and closed lines, and on the submitted line that completes it.</summary>
    public string? Intent { get; set; }

    public string Provider { get; set; } = string.Empty;

    public string? Model { get; set; }

    public string? Connection { get; set; }

    /// <summary>The API base the task lives at, so a later session can find it behind a custom gateway.</summary>
    public string? BaseUri { get; set; }

    public TaskState? State { get; set; }

    public DateTimeOffset? CreatedAt { get; set; }

    public string? Prompt { get; set; }

    public string? PromptDigest { get; set; }

    public int? DurationSeconds { get; set; }

    public string? Resolution { get; set; }

    public string? AspectRatio { get; set; }

    /// <summary>The (first) image's file name, which Save-SeedanceVideo's {Image} stands for, also after a crash.</summary>
    public string? SourceImage { get; set; }

    /// <summary>An intent's images: URLs, or sha256: digests of the data: URIs they travelled in.</summary>
    public List<string>? Images { get; set; }

    public string? ClientReference { get; set; }

    public decimal? EstimatedCost { get; set; }

    /// <summary>What the provider says it charged, where it says (AI/ML API's usd_spent).</summary>
    public decimal? ReportedCost { get; set; }

    public string? Error { get; set; }

    /// <summary>Where the video was saved, for "saved" events.</summary>
    public string? SavedPath { get; set; }

    /// <summary>Which process wrote the line, to tell concurrent batches apart.</summary>
    public int ProcessId { get; set; }
}
