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
using Seedance.Tasks;

namespace Seedance.Journal;

/// <summary>
/// The append-only record of every task this machine submitted, so that a crashed script loses no paid
/// video: a submit's intent is written here before it goes out, the task as soon as the answer arrives (before
/// New-SeedanceVideo returns it), and again when it finishes and when its video is saved. JSON Lines in the
/// user's data folder (or SEEDANCE_JOURNAL).
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

    /// <summary>
    /// What a submit carries, written before it goes out: if the process dies before the answer comes, the intent
    /// stays open and Get-SeedanceTask -Pending looks for its task.
    /// </summary>
    public void RecordIntent(SubmitIntent intent) => Append(new JournalEntry
    {
        Event = "intent",
        At = intent.SentAt,
        Intent = intent.Id,
        Provider = intent.Provider,
        Model = intent.Model,
        Connection = intent.Connection,
        BaseUri = intent.BaseUri,
        Prompt = intent.Prompt,
        PromptDigest = intent.PromptDigest,
        DurationSeconds = intent.DurationSeconds,
        Resolution = intent.Resolution,
        AspectRatio = intent.AspectRatio,
        Images = intent.Images.ToList(),
        ClientReference = intent.ClientReference,
        EstimatedCost = intent.EstimatedCost,
        ProcessId = CurrentProcessId,
    });

    /// <summary>An intent whose submit created no task (the provider refused it, or its list shows none), and why.</summary>
    public void RecordIntentClosed(SubmitIntent intent, string reason) => Append(new JournalEntry
    {
        Event = "closed",
        At = DateTimeOffset.UtcNow,
        Intent = intent.Id,
        Provider = intent.Provider,
        Error = reason,
        ProcessId = CurrentProcessId,
    });

    /// <summary>A task the provider created; <paramref name="intent"/> names the intent of the submit it came from, which this completes.</summary>
    public void RecordSubmitted(VideoTask task, Uri baseUri, string? intent = null) => Append(Entry("submitted", task, entry =>
    {
        entry.Intent = intent;
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
    public void TryRecord(VideoTask task, Action<TaskJournal> write) =>
        TryWrite(write, failure => SeedanceLog.Warning($"Task {task.Id} ({task.Provider}) could not be written to the journal '{Path}': {failure} Keep its id yourself: Get-SeedanceTask -Pending cannot find it after a crash."));

    /// <summary>
    /// The same for a submit's intent: the submit goes out all the same, only less protected. Said in verbose
    /// output only: the journal that refused the intent refuses the task next, and that warning names the task.
    /// </summary>
    public void TryRecord(SubmitIntent intent, Action<TaskJournal> write) =>
        TryWrite(write, failure => SeedanceLog.Verbose($"{intent.Describe()} could not be written to the journal '{Path}': {failure} Should this process die before its answer comes, Get-SeedanceTask -Pending cannot look for its task."));

    private void TryWrite(Action<TaskJournal> write, Action<string> report)
    {
        try
        {
            write(this);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            report(ex.Message);
        }
    }

    /// <summary>Every task in the journal, newest submission first.</summary>
    public IReadOnlyList<JournalRecord> ReadAll() =>
        Fold().Records.Values.OrderByDescending(record => record.SubmittedAt).ToList();

    /// <summary>Every submit intent in the journal (open or closed), newest first; none in a journal older than intents.</summary>
    public IReadOnlyList<JournalIntent> ReadIntents() =>
        Fold().Intents.Values.OrderByDescending(intent => intent.Submit.SentAt).ToList();

    /// <summary>Reads every line once, folding task lines into records and intent lines into intents.</summary>
    private (Dictionary<string, JournalRecord> Records, Dictionary<string, JournalIntent> Intents) Fold()
    {
        var records = new Dictionary<string, JournalRecord>(StringComparer.Ordinal);
        var intents = new Dictionary<string, JournalIntent>(StringComparer.Ordinal);
        if (!File.Exists(Path))
        {
            return (records, intents);
        }

        WhileLocked.Execute(() =>
        {
            records.Clear();
            intents.Clear();
            using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            string? line;
            while ((line = reader.ReadLine()) is not null)
            {
                if (Parse(line) is not { } entry)
                {
                    continue;
                }

                if (entry.Event == "intent")
                {
                    intents[entry.Intent!] = new JournalIntent(IntentOf(entry));
                }
                else if (entry.Intent is not null && intents.TryGetValue(entry.Intent, out var intent))
                {
                    intent.Apply(entry);
                }

                if (entry.Id.Length == 0)
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
        return (records, intents);
    }

    private static SubmitIntent IntentOf(JournalEntry entry) => new(entry.Intent!, entry.Provider, entry.Model ?? string.Empty, entry.At)
    {
        Connection = entry.Connection,
        BaseUri = entry.BaseUri,
        Prompt = entry.Prompt,
        PromptDigest = entry.PromptDigest,
        DurationSeconds = entry.DurationSeconds,
        Resolution = entry.Resolution,
        AspectRatio = entry.AspectRatio,
        Images = entry.Images ?? new List<string>(),
        ClientReference = entry.ClientReference,
        EstimatedCost = entry.EstimatedCost,
    };

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
            return entry is { Provider.Length: > 0 } && (entry.Id.Length > 0 || entry.Intent is { Length: > 0 }) ? entry : null;
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
