using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Seedance.Journal;
using Seedance.Tasks;
using Seedance.Tests.Support;
using Xunit;

namespace Seedance.Tests.Journal;

/// <summary>
/// The journal is read whole by every -Recent and -Pending, so it is folded once it grows: one line per task, tasks
/// settled long ago to the archive, and nothing unsettled ever dropped.
/// </summary>
public sealed class JournalCompactionTests
{
    private static readonly Uri WaveSpeed = new("https://api.wavespeed.ai");

    [Fact]
    public void Compacting_folds_each_task_to_one_line_and_keeps_what_every_record_says()
    {
        using var folder = new TempFolder();
        var journal = new TaskJournal(folder.File("journal.jsonl"));
        for (var i = 0; i < 20; i++)
        {
            var task = new VideoTask($"t{i}", "WaveSpeed", "m") { Prompt = "pan", DurationSeconds = 5, Resolution = "720p", AspectRatio = "16:9", SourceImage = $"shot{i}.png", EstimatedCost = 0.6m, CreatedAt = DateTimeOffset.UtcNow };
            journal.RecordSubmitted(task, WaveSpeed);
            journal.RecordState(task with { Lifecycle = TaskState.Running });
            if (i % 2 == 0)
            {
                journal.RecordState(task with { Lifecycle = TaskState.Succeeded });
                journal.RecordSaved(task, $"/videos/t{i}.mp4");
            }
        }

        var before = Describe(journal);

        journal.Compact();

        Assert.Equal(before, Describe(journal));
        Assert.Equal(20, File.ReadAllLines(journal.Path).Length);
        Assert.False(File.Exists(journal.ArchivePath)); // nothing is old enough to leave
    }

    [Fact]
    public void Tasks_settled_long_ago_move_to_the_archive_and_nothing_unsettled_leaves_however_old()
    {
        using var folder = new TempFolder();
        var journal = new TaskJournal(folder.File("journal.jsonl"));
        var longAgo = DateTimeOffset.UtcNow.AddDays(-90);
        Write(journal.Path, new JournalEntry { Event = "submitted", At = longAgo, Id = "saved-long-ago", Provider = "WaveSpeed", State = TaskState.Queued });
        Write(journal.Path, new JournalEntry { Event = "saved", At = longAgo.AddMinutes(2), Id = "saved-long-ago", Provider = "WaveSpeed", State = TaskState.Succeeded, SavedPath = "/v/a.mp4" });
        Write(journal.Path, new JournalEntry { Event = "submitted", At = longAgo, Id = "never-saved", Provider = "WaveSpeed", State = TaskState.Queued });
        Write(journal.Path, new JournalEntry { Event = "updated", At = longAgo.AddMinutes(2), Id = "never-saved", Provider = "WaveSpeed", State = TaskState.Succeeded });
        Write(journal.Path, new JournalEntry { Event = "submitted", At = longAgo, Id = "still-running", Provider = "Ark", State = TaskState.Running });
        journal.RecordIntent(new SubmitIntent("open-intent", "AIMLAPI", "m", longAgo) { Prompt = "pan", BaseUri = "https://api.aimlapi.com/" });
        journal.RecordIntent(new SubmitIntent("refused-intent", "AIMLAPI", "m", longAgo));
        journal.RecordIntentClosed(new SubmitIntent("refused-intent", "AIMLAPI", "m", longAgo), "HTTP 400");
        journal.RecordSubmitted(new VideoTask("recent", "fal", "m") { Lifecycle = TaskState.Succeeded }, WaveSpeed);

        journal.Compact();

        var kept = journal.ReadAll().Select(record => record.Id).OrderBy(id => id).ToArray();
        Assert.Equal(new[] { "never-saved", "recent", "still-running" }, kept);
        var open = Assert.Single(journal.ReadIntents());
        Assert.Equal("open-intent", open.Submit.Id);
        Assert.True(open.IsOpen);
        Assert.Equal("https://api.aimlapi.com/", open.Submit.BaseUri);

        var archive = new TaskJournal(journal.ArchivePath);
        var archived = Assert.Single(archive.ReadAll());
        Assert.Equal(("saved-long-ago", "/v/a.mp4", longAgo), (archived.Id, archived.SavedPath, archived.SubmittedAt));
        Assert.Equal("HTTP 400", Assert.Single(archive.ReadIntents()).ClosedBecause);
    }

    [Fact]
    public void A_journal_past_its_size_limit_compacts_itself_and_stays_small()
    {
        using var folder = new TempFolder();
        var journal = new TaskJournal(folder.File("journal.jsonl"), compactAboveBytes: 16 * 1024);
        var task = new VideoTask("long-running", "WaveSpeed", "m") { Prompt = new string('x', 200) };
        journal.RecordSubmitted(task, WaveSpeed);

        for (var i = 0; i < 2_000; i++)
        {
            journal.RecordState(task with { Lifecycle = TaskState.Running });
        }

        Assert.InRange(new FileInfo(journal.Path).Length, 1, 16 * 1024);
        var record = Assert.Single(journal.ReadAll());
        Assert.Equal((TaskState.Running, 200), (record.State, record.Prompt!.Length));
    }

    [Fact]
    public void Writers_in_parallel_with_compactions_lose_no_task()
    {
        using var folder = new TempFolder();
        var path = folder.File("journal.jsonl");
        const int writers = 6;
        const int tasksEach = 100;

        Parallel.For(0, writers, new ParallelOptions { MaxDegreeOfParallelism = writers }, writer =>
        {
            // A journal each, as separate processes have: each one compacts when it sees the file past the limit.
            var own = new TaskJournal(path, compactAboveBytes: 8 * 1024);
            for (var i = 0; i < tasksEach; i++)
            {
                var task = new VideoTask($"task-{writer}-{i}", "WaveSpeed", "m") { Prompt = "pan" };
                own.RecordSubmitted(task, WaveSpeed);
                own.RecordState(task with { Lifecycle = TaskState.Succeeded });
            }
        });

        var records = new TaskJournal(path).ReadAll();
        Assert.Equal(writers * tasksEach, records.Count);
        Assert.All(records, record => Assert.Equal(TaskState.Succeeded, record.State));
        Assert.True(File.ReadAllLines(path).Length < 2 * writers * tasksEach, "the journal was never compacted");
    }

    [Fact]
    public void A_compaction_cut_short_mid_rewrite_loses_nothing_and_the_next_write_finishes_it()
    {
        using var folder = new TempFolder();
        var journal = new TaskJournal(folder.File("journal.jsonl"));
        for (var i = 0; i < 5; i++)
        {
            journal.RecordSubmitted(new VideoTask($"t{i}", "WaveSpeed", "m") { Prompt = "pan" }, WaveSpeed);
        }

        journal.Compact();
        var compacted = File.ReadAllText(journal.Path);

        // As a crash leaves it: the whole result staged beside the journal, the journal itself rewritten only in part,
        // and another process's line appended after.
        File.WriteAllText(journal.Path + ".compacting", compacted);
        File.WriteAllText(journal.Path, compacted.Substring(0, compacted.Length / 2));
        journal.RecordState(new VideoTask("t4", "WaveSpeed", "m") { Lifecycle = TaskState.Failed, Error = "moderation" });

        var records = journal.ReadAll();
        Assert.Equal(5, records.Count);
        Assert.Equal(TaskState.Failed, records.Single(record => record.Id == "t4").State);
        Assert.False(File.Exists(journal.Path + ".compacting")); // that write compacted again, and the staged copy went
        Assert.Equal(5, File.ReadAllLines(journal.Path).Length);
    }

    private static string Describe(TaskJournal journal) => string.Join("\n", journal.ReadAll()
        .OrderBy(record => record.Id)
        .Select(record => string.Join("|", record.Id, record.Provider, record.Model, record.BaseUri, record.State, record.SubmittedAt.ToUnixTimeMilliseconds(),
            record.UpdatedAt.ToUnixTimeMilliseconds(), record.CreatedAt?.ToUnixTimeMilliseconds(), record.Prompt, record.DurationSeconds, record.Resolution, record.AspectRatio, record.SourceImage,
            record.EstimatedCost, record.Error, record.SavedPath, record.IsPending)));

    private static void Write(string path, JournalEntry entry) =>
        File.AppendAllText(path, JsonSerializer.Serialize(entry, JournalJsonContext.Default.JournalEntry) + "\n");
}
