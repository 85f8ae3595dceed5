using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Polly;
using Polly.Retry;
using Seedance.Http;
using Seedance.Tasks;

namespace Seedance.Journal;

/// <summary>
/// The record of every task this machine submitted, so that a crashed script loses no paid video: a submit's
/// intent is written here before it goes out, the task as soon as the answer arrives (before New-SeedanceVideo
/// returns it), and again when it finishes and when its video is saved. JSON Lines in the user's data folder (or
/// SEEDANCE_JOURNAL), appended to line by line and compacted once it grows past a size limit.
/// </summary>
/// <remarks>
/// Within a process, writes are group-committed: each line is on disk before its write returns (an intent before
/// its submit goes out), and one flush covers every line waiting at that moment (see <see cref="GroupCommit"/>).
/// Several processes may run batches at once. Each write takes the file exclusively (an OS lock), appends
/// its whole lines and lets go; a writer or reader that finds it locked waits briefly and tries again. A compaction
/// holds the same lock while it rewrites the file.
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

    /// <summary>Past this size the journal is compacted: some thousands of tasks, read in tens of milliseconds.</summary>
    public const long DefaultCompactAboveBytes = 4L * 1024 * 1024;

    private readonly long _configuredCompactAboveBytes;
    private readonly GroupCommit _commits;
    private long _compactAboveBytes;

    public TaskJournal(string path, long compactAboveBytes = DefaultCompactAboveBytes)
    {
        Path = System.IO.Path.GetFullPath(path);
        _configuredCompactAboveBytes = _compactAboveBytes = compactAboveBytes;
        _commits = new GroupCommit(WriteAndFlush);
    }

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
    public void RecordIntent(SubmitIntent intent) => Append(IntentEntry(intent, CurrentProcessId));

    /// <inheritdoc cref="RecordIntent"/>
    public Task RecordIntentAsync(SubmitIntent intent) => AppendAsync(IntentEntry(intent, CurrentProcessId));

    /// <summary>An intent whose submit created no task (the provider refused it, or its list shows none), and why.</summary>
    public void RecordIntentClosed(SubmitIntent intent, string reason) => Append(ClosedEntry(intent, reason, DateTimeOffset.UtcNow, CurrentProcessId));

    internal static JournalEntry IntentEntry(SubmitIntent intent, int processId) => new()
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
        ProcessId = processId,
    };

    internal static JournalEntry ClosedEntry(SubmitIntent intent, string reason, DateTimeOffset at, int processId) => new()
    {
        Event = "closed",
        At = at,
        Intent = intent.Id,
        Provider = intent.Provider,
        Error = reason,
        ProcessId = processId,
    };

    /// <summary>A task the provider created; <paramref name="intent"/> names the intent of the submit it came from, which this completes.</summary>
    public void RecordSubmitted(VideoTask task, Uri baseUri, string? intent = null) => Append(SubmittedEntry(task, baseUri, intent));

    /// <inheritdoc cref="RecordSubmitted"/>
    public Task RecordSubmittedAsync(VideoTask task, Uri baseUri, string? intent = null) => AppendAsync(SubmittedEntry(task, baseUri, intent));

    public void RecordState(VideoTask task) => Append(StateEntry(task));

    /// <inheritdoc cref="RecordState"/>
    public Task RecordStateAsync(VideoTask task) => AppendAsync(StateEntry(task));

    /// <summary>A saved video: the task succeeded, whatever the snapshot at hand says.</summary>
    public void RecordSaved(VideoTask task, string path) => Append(SavedEntry(task, path));

    /// <inheritdoc cref="RecordSaved"/>
    public Task RecordSavedAsync(VideoTask task, string path) => AppendAsync(SavedEntry(task, path));

    private static JournalEntry SubmittedEntry(VideoTask task, Uri baseUri, string? intent) => Entry("submitted", task, entry =>
    {
        entry.Intent = intent;
        entry.BaseUri = baseUri.AbsoluteUri;
        entry.Prompt = task.Prompt;
        entry.DurationSeconds = task.DurationSeconds;
        entry.Resolution = task.Resolution;
        entry.AspectRatio = task.AspectRatio;
        entry.SourceImage = task.SourceImage;
        entry.EstimatedCost = task.EstimatedCost;
        entry.ReportedCost = task.ReportedCost;
        entry.CreatedAt = task.CreatedAt;
    });

    private static JournalEntry StateEntry(VideoTask task) => Entry("updated", task, entry =>
    {
        entry.Error = task.Error;
        entry.ReportedCost = task.ReportedCost;
    });

    private static JournalEntry SavedEntry(VideoTask task, string path) => Entry("saved", task, entry =>
    {
        entry.SavedPath = path;
        entry.State = TaskState.Succeeded;
    });

    /// <summary>
    /// Makes one journal write that must not undo what it records: the task exists at the provider (and may be
    /// paid for) whatever the disk says, so a failed write becomes a warning naming the task, not an error.
    /// </summary>
    public void TryRecord(VideoTask task, Action<TaskJournal> write) =>
        TryWrite(write, failure => SeedanceLog.Warning(NotJournalled(task, failure)));

    /// <summary>
    /// The same for a submit's intent: the submit goes out all the same, only less protected. Said in verbose
    /// output only: the journal that refused the intent refuses the task next, and that warning names the task.
    /// </summary>
    public void TryRecord(SubmitIntent intent, Action<TaskJournal> write) =>
        TryWrite(write, failure => SeedanceLog.Verbose(NotJournalled(intent, failure)));

    /// <inheritdoc cref="TryRecord(VideoTask, Action{TaskJournal})"/>
    public Task TryRecordAsync(VideoTask task, Func<TaskJournal, Task> write) =>
        TryWriteAsync(write, failure => SeedanceLog.Warning(NotJournalled(task, failure)));

    /// <inheritdoc cref="TryRecord(SubmitIntent, Action{TaskJournal})"/>
    public Task TryRecordAsync(SubmitIntent intent, Func<TaskJournal, Task> write) =>
        TryWriteAsync(write, failure => SeedanceLog.Verbose(NotJournalled(intent, failure)));

    private string NotJournalled(VideoTask task, string failure) =>
        $"Task {task.Id} ({task.Provider}) could not be written to the journal '{Path}': {failure} Keep its id yourself: Get-SeedanceTask -Pending cannot find it after a crash.";

    private string NotJournalled(SubmitIntent intent, string failure) =>
        $"{intent.Describe()} could not be written to the journal '{Path}': {failure} Should this process die before its answer comes, Get-SeedanceTask -Pending cannot look for its task.";

    private async Task TryWriteAsync(Func<TaskJournal, Task> write, Action<string> report)
    {
        try
        {
            await write(this).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            report(ex.Message);
        }
    }

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
        Fold(ReadEntries()).Records.Values.OrderByDescending(record => record.SubmittedAt).ToList();

    /// <summary>Every submit intent in the journal (open or closed), newest first; none in a journal older than intents.</summary>
    public IReadOnlyList<JournalIntent> ReadIntents() =>
        Fold(ReadEntries()).Intents.Values.OrderByDescending(intent => intent.Submit.SentAt).ToList();

    /// <summary>
    /// Folds the journal to one line per task, keeps what is unsettled whatever its age, and moves tasks settled
    /// long ago to the archive beside it (see <see cref="JournalCompaction"/>). Runs by itself once the file
    /// passes its size limit; other writers and readers wait for it as they wait for any writer.
    /// </summary>
    public void Compact()
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        WhileLocked.Execute(() =>
        {
            using var stream = new FileStream(Path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            // Folded as the lines are read, never held all at once: a journal of thousands of tasks in flight is
            // several lines per task, and holding them all made every compaction a peak of the working set.
            var (records, intents) = Fold(EntriesOf(CompactingPath).Concat(EntriesOf(stream)));
            var (kept, archived) = JournalCompaction.Plan(records.Values, intents.Values, DateTimeOffset.UtcNow, CurrentProcessId);

            if (archived.Count > 0)
            {
                AppendBytes(ArchivePath, LinesOf(archived));
            }

            // The whole result goes beside the journal before the journal is rewritten in place (a rename would race
            // writers that opened the old file): should this process die mid-rewrite, readers take the lines from
            // there, and the partial copy that follows them only repeats what they say.
            // Line by line through fixed buffers, as the fold read them: one array or string of the whole journal
            // would land on the large-object heap at every compaction of a big batch.
            var staged = CompactingPath + ".tmp";
            using (var file = new FileStream(staged, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                WriteLines(file, kept);
            }

            File.Delete(CompactingPath);
            File.Move(staged, CompactingPath);

            stream.SetLength(0);
            using (var compacted = new FileStream(CompactingPath, FileMode.Open, FileAccess.Read, FileShare.Read))
            {
                compacted.CopyTo(stream);
            }

            stream.Flush(flushToDisk: true);
            File.Delete(CompactingPath);

            // A journal that stays large after folding (thousands of tasks in flight) is not folded again at every line.
            Interlocked.Exchange(ref _compactAboveBytes, Math.Max(_configuredCompactAboveBytes, 2L * stream.Length));
        });
    }

    /// <summary>Where <see cref="Compact"/> moves tasks settled more than 30 days ago: kept for audit, never read by the module.</summary>
    public string ArchivePath => System.IO.Path.ChangeExtension(Path, null) + ".archive.jsonl";

    private string CompactingPath => Path + ".compacting";

    private List<JournalEntry> ReadEntries()
    {
        var entries = new List<JournalEntry>();
        if (!File.Exists(Path) && !File.Exists(CompactingPath))
        {
            return entries;
        }

        WhileLocked.Execute(() =>
        {
            entries.Clear();
            entries.AddRange(EntriesOf(CompactingPath));
            entries.AddRange(EntriesOf(Path));
        });
        return entries;
    }

    /// <summary>The entries of the file at <paramref name="path"/>, one at a time; none when there is no file.</summary>
    private static IEnumerable<JournalEntry> EntriesOf(string path)
    {
        if (!File.Exists(path))
        {
            yield break;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        foreach (var entry in EntriesOf(stream))
        {
            yield return entry;
        }
    }

    /// <summary>The entries of <paramref name="stream"/> from where it stands, one at a time; the stream stays open.</summary>
    private static IEnumerable<JournalEntry> EntriesOf(Stream stream)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024, leaveOpen: true);
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (Parse(line) is { } entry)
            {
                yield return entry;
            }
        }
    }

    /// <summary>Folds the lines in order, task lines into records and intent lines into intents: later lines win.</summary>
    private static (Dictionary<string, JournalRecord> Records, Dictionary<string, JournalIntent> Intents) Fold(IEnumerable<JournalEntry> entries)
    {
        var records = new Dictionary<string, JournalRecord>(StringComparer.Ordinal);
        var intents = new Dictionary<string, JournalIntent>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
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
            State = task.Lifecycle,
            ProcessId = CurrentProcessId,
        };
        fill(entry);
        return entry;
    }

    /// <summary>Appends one line and returns once it is on disk (with any other lines waiting at the time: see <see cref="GroupCommit"/>).</summary>
    private void Append(JournalEntry entry) => _commits.Append(LinesOf(new[] { entry }));

    /// <inheritdoc cref="Append"/>
    private Task AppendAsync(JournalEntry entry) => _commits.AppendAsync(LinesOf(new[] { entry }));

    /// <summary>One batch of lines, made durable; then the journal is compacted if it grew past its limit.</summary>
    private void WriteAndFlush(byte[] lines)
    {
        var length = AppendBytes(Path, lines);
        if (length > Interlocked.Read(ref _compactAboveBytes) || File.Exists(CompactingPath))
        {
            Compact();
        }
    }

    /// <summary>Appends whole lines under the file's exclusive lock and returns the file's new length.</summary>
    private static long AppendBytes(string path, byte[] lines)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        long length = 0;
        WhileLocked.Execute(() =>
        {
            using var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            if (stream.Length > 0)
            {
                // A line a crash cut short has no end: ending it first keeps this line from being glued to it and lost.
                stream.Seek(-1, SeekOrigin.End);
                if (stream.ReadByte() != '\n')
                {
                    stream.WriteByte((byte)'\n');
                }
            }

            stream.Write(lines, 0, lines.Length);
            stream.Flush(flushToDisk: true);
            length = stream.Length;
        });
        return length;
    }

    /// <summary>Writes each entry as one line, one at a time.</summary>
    private static void WriteLines(Stream stream, IEnumerable<JournalEntry> entries)
    {
        foreach (var entry in entries)
        {
            JsonSerializer.Serialize(stream, entry, JournalJsonContext.Default.JournalEntry);
            stream.WriteByte((byte)'\n');
        }
    }

    /// <summary>The same lines as <see cref="WriteLines"/>, as one array, for a write that must land whole.</summary>
    private static byte[] LinesOf(IEnumerable<JournalEntry> entries)
    {
        using var lines = new MemoryStream();
        WriteLines(lines, entries);
        return lines.ToArray();
    }

    private static readonly int CurrentProcessId = Process.GetCurrentProcess().Id;
}
