using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Polly;
using Polly.Retry;
using Seedance.Http;

namespace Seedance.Journal;

/// <summary>
/// The append-only record of every task this machine submitted, so that a crashed script loses no paid
/// video: a task is written here before New-SeedanceVideo returns it, and again when it finishes and when
/// its video is saved. JSON Lines in the user's data folder (or SEEDANCE_JOURNAL).
/// </summary>
/// <remarks>
/// Several processes may run batches at once. Each write takes the file exclusively (an OS lock), appends
/// one whole line and lets go; a writer or reader that finds it locked waits briefly and tries again.
/// </remarks>
public sealed class TaskJournal
{
    public const string PathVariable = "SEEDANCE_JOURNAL";

    private static readonly ResiliencePipeline WhileLocked = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<IOException>(ex => ex is not FileNotFoundException and not DirectoryNotFoundException),
            MaxRetryAttempts = 50,
            Delay = TimeSpan.FromMilliseconds(10),
            BackoffType = DelayBackoffType.Exponential,
            MaxDelay = TimeSpan.FromMilliseconds(200),
            UseJitter = true,
        })
        .Build();

    public TaskJournal(string path) => Path = System.IO.Path.GetFullPath(path);

    public string Path { get; }

    /// <summary>SEEDANCE_JOURNAL when set, else Seedance/journal.jsonl in the user's local data folder.</summary>
    public static string DefaultPath(Func<string, string?> environment)
    {
        var configured = environment(PathVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured!;
        }

        var dataFolder = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create);
        if (string.IsNullOrEmpty(dataFolder))
        {
            dataFolder = System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        }

        return System.IO.Path.Combine(dataFolder, "Seedance", "journal.jsonl");
    }

    public void RecordSubmitted(VideoTask task, Uri baseUri) => Append(Entry("submitted", task, entry =>
    {
        entry.BaseUri = baseUri.AbsoluteUri;
        entry.Prompt = task.Prompt;
        entry.DurationSeconds = task.DurationSeconds;
        entry.Resolution = task.Resolution;
        entry.EstimatedCost = task.EstimatedCost;
        entry.CreatedAt = task.CreatedAt;
    }));

    public void RecordState(VideoTask task) => Append(Entry("updated", task, entry => entry.Error = task.Error));

    /// <summary>A saved video: the task succeeded, whatever the snapshot at hand says.</summary>
    public void RecordSaved(VideoTask task, string path) => Append(Entry("saved", task, entry =>
    {
        entry.SavedPath = path;
        entry.State = TaskState.Succeeded;
    }));

    /// <summary>
    /// Makes one journal write that must not undo what it records: the task exists at the provider (and may be
    /// paid for) whatever the disk says, so a failed write becomes a warning naming the task, not an error.
    /// </summary>
    public void TryRecord(VideoTask task, Action<TaskJournal> write)
    {
        try
        {
            write(this);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            SeedanceLog.Warning($"Task {task.Id} ({task.Provider}) could not be written to the journal '{Path}': {ex.Message} Keep its id yourself: Get-SeedanceTask -Pending cannot find it after a crash.");
        }
    }

    /// <summary>Every task in the journal, newest submission first.</summary>
    public IReadOnlyList<JournalRecord> ReadAll()
    {
        if (!File.Exists(Path))
        {
            return Array.Empty<JournalRecord>();
        }

        var records = new Dictionary<string, JournalRecord>(StringComparer.Ordinal);
        WhileLocked.Execute(() =>
        {
            records.Clear();
            using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            string? line;
            while ((line = reader.ReadLine()) is not null)
            {
                if (Parse(line) is not { } entry)
                {
                    continue;
                }

                var key = entry.Provider + "\n" + entry.Id;
                if (!records.TryGetValue(key, out var record))
                {
                    records[key] = record = new JournalRecord(entry.Id, entry.Provider);
                }

                record.Apply(entry);
            }
        });
        return records.Values.OrderByDescending(record => record.SubmittedAt).ToList();
    }

    private static JournalEntry? Parse(string line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return null;
        }

        try
        {
            // A line cut short by a crash mid-write is skipped, not fatal: the lines around it still count.
            var entry = JsonSerializer.Deserialize(line, JournalJsonContext.Default.JournalEntry);
            return entry is { Id.Length: > 0, Provider.Length: > 0 } ? entry : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JournalEntry Entry(string kind, VideoTask task, Action<JournalEntry> fill)
    {
        var entry = new JournalEntry
        {
            Event = kind,
            At = DateTimeOffset.UtcNow,
            Id = task.Id,
            Provider = task.Provider,
            Model = task.Model,
            Connection = task.Connection,
            State = task.State,
            ProcessId = CurrentProcessId,
        };
        fill(entry);
        return entry;
    }

    private void Append(JournalEntry entry)
    {
        var line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(entry, JournalJsonContext.Default.JournalEntry) + "\n");
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        WhileLocked.Execute(() =>
        {
            using var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.None);
            stream.Write(line, 0, line.Length);
            stream.Flush(flushToDisk: true);
        });
    }

    private static readonly int CurrentProcessId = Process.GetCurrentProcess().Id;
}
