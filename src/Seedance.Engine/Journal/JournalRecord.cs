namespace Seedance.Journal;

/// <summary>Everything the journal knows about one task: its entries folded together, newest facts winning.</summary>
public sealed class JournalRecord
{
    internal JournalRecord(string id, string provider)
    {
        Id = id;
        Provider = provider;
    }

    public string Id { get; }

    public string Provider { get; }

    public string? Model { get; private set; }

    public string? Connection { get; private set; }

    public string? BaseUri { get; private set; }

    public TaskState State { get; private set; } = TaskState.Queued;

    public DateTimeOffset SubmittedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? CreatedAt { get; private set; }

    public string? Prompt { get; private set; }

    public int? DurationSeconds { get; private set; }

    public string? Resolution { get; private set; }

    public string? AspectRatio { get; private set; }

    public string? SourceImage { get; private set; }

    public decimal? EstimatedCost { get; private set; }

    public decimal? ReportedCost { get; private set; }

    public string? Error { get; private set; }

    public string? SavedPath { get; private set; }

    /// <summary>
    /// Still owed something: unfinished, or finished successfully but never saved — a paid video not yet on disk.
    /// </summary>
    public bool IsPending => !State.IsFinal() || (State == TaskState.Succeeded && SavedPath is null);

    internal void Apply(JournalEntry entry)
    {
        if (entry.Event == "submitted")
        {
            SubmittedAt = entry.At;
        }
        else if (entry.SubmittedAt is { } submittedAt)
        {
            SubmittedAt = submittedAt;
        }

        UpdatedAt = entry.At;
        Model = entry.Model ?? Model;
        Connection = entry.Connection ?? Connection;
        BaseUri = entry.BaseUri ?? BaseUri;
        State = entry.State ?? State;
        CreatedAt = entry.CreatedAt ?? CreatedAt;
        Prompt = entry.Prompt ?? Prompt;
        DurationSeconds = entry.DurationSeconds ?? DurationSeconds;
        Resolution = entry.Resolution ?? Resolution;
        AspectRatio = entry.AspectRatio ?? AspectRatio;
        SourceImage = entry.SourceImage ?? SourceImage;
        EstimatedCost = entry.EstimatedCost ?? EstimatedCost;
        ReportedCost = entry.ReportedCost ?? ReportedCost;
        Error = entry.Error ?? Error;
        SavedPath = entry.SavedPath ?? SavedPath;
    }

    /// <summary>One line that folds back into this record: what compaction keeps of a task's history.</summary>
    internal JournalEntry ToCompactedEntry(int processId) => new()
    {
        Event = "compacted",
        At = UpdatedAt,
        SubmittedAt = SubmittedAt,
        Id = Id,
        Provider = Provider,
        Model = Model,
        Connection = Connection,
        BaseUri = BaseUri,
        State = State,
        CreatedAt = CreatedAt,
        Prompt = Prompt,
        DurationSeconds = DurationSeconds,
        Resolution = Resolution,
        AspectRatio = AspectRatio,
        SourceImage = SourceImage,
        EstimatedCost = EstimatedCost,
        ReportedCost = ReportedCost,
        Error = Error,
        SavedPath = SavedPath,
        ProcessId = processId,
    };

    /// <summary>The task as last recorded, ready to be refreshed, waited for or saved.</summary>
    public VideoTask ToVideoTask() => new(Id, Provider, Model ?? string.Empty)
    {
        Connection = Connection,
        BaseUri = Uri.TryCreate(BaseUri, UriKind.Absolute, out var submittedTo) ? submittedTo : null,
        Lifecycle = State,
        CreatedAt = CreatedAt ?? SubmittedAt,
        CheckedAt = UpdatedAt,
        Prompt = Prompt,
        DurationSeconds = DurationSeconds,
        Resolution = Resolution,
        AspectRatio = AspectRatio,
        SourceImage = SourceImage,
        EstimatedCost = EstimatedCost,
        ReportedCost = ReportedCost,
        Error = Error,
    };
}
