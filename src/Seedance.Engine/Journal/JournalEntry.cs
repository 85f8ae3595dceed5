using System;

namespace Seedance.Journal;

/// <summary>
/// One line of the journal: an event in a task's life. Later lines about the same task add to earlier ones.
/// Holds no key and no video URL (those carry signatures); a fresh status query yields a new URL.
/// </summary>
public sealed class JournalEntry
{
    /// <summary>submitted, updated, saved or cancelled.</summary>
    public string Event { get; set; } = string.Empty;

    public DateTimeOffset At { get; set; }

    public string Id { get; set; } = string.Empty;

    public string Provider { get; set; } = string.Empty;

    public string? Model { get; set; }

    public string? Connection { get; set; }

    /// <summary>The API base the task lives at, so a later session can find it behind a custom gateway.</summary>
    public string? BaseUri { get; set; }

    public TaskState? State { get; set; }

    public DateTimeOffset? CreatedAt { get; set; }

    public string? Prompt { get; set; }

    public int? DurationSeconds { get; set; }

    public string? Resolution { get; set; }

    public decimal? EstimatedCost { get; set; }

    public string? Error { get; set; }

    /// <summary>Where the video was saved, for "saved" events.</summary>
    public string? SavedPath { get; set; }

    /// <summary>Which process wrote the line, to tell concurrent batches apart.</summary>
    public int ProcessId { get; set; }
}
