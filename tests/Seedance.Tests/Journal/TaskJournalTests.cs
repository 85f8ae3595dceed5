using Seedance.Connections;
using Seedance.Http;
using Seedance.Journal;

namespace Seedance.Tests.Journal;

/// <summary>The journal keeps every paid task findable: across writers, crashes and sessions.</summary>
public sealed class TaskJournalTests
{
    [Fact]
    public void Concurrent_writers_lose_no_line()
    {
        // Each writer opens the file exclusively for each line, as separate processes do: the OS lock is per open file.
        using var folder = new TempFolder();
        var journal = new TaskJournal(folder.File("journal.jsonl"));
        const int writers = 8;
        const int linesEach = 100;

        Parallel.For(0, writers, new ParallelOptions { MaxDegreeOfParallelism = writers }, writer =>
        {
            var own = new TaskJournal(journal.Path);
            for (var i = 0; i < linesEach; i++)
            {
                own.RecordSubmitted(new VideoTask($"task-{writer}-{i}", "WaveSpeed", "m") { Prompt = new string('x', 300) }, new Uri("https://api.wavespeed.ai"));
            }
        });

        Assert.Equal(writers * linesEach, journal.ReadAll().Count);
        Assert.Equal(writers * linesEach, File.ReadAllLines(journal.Path).Length);
    }

    [Fact]
    public void Later_lines_complete_earlier_ones_and_a_cut_off_line_is_skipped()
    {
        using var folder = new TempFolder();
        var journal = new TaskJournal(folder.File("journal.jsonl"));
        var task = new VideoTask("t1", "WaveSpeed", "m") { Prompt = "pan", DurationSeconds = 5, AspectRatio = "9:16", SourceImage = "cat.jpg", EstimatedCost = 0.8m, CreatedAt = DateTimeOffset.UtcNow };
        journal.RecordSubmitted(task, new Uri("https://api.wavespeed.ai"));
        File.AppendAllText(journal.Path, "{\"event\":\"updated\",\"id\":\"t1\",\"provi");
        File.AppendAllText(journal.Path, "\n");
        journal.RecordState(task with { Lifecycle = TaskState.Succeeded });

        var record = journal.ReadAll().Single();

        Assert.Equal(TaskState.Succeeded, record.State);
        Assert.Equal("pan", record.Prompt);
        Assert.Equal(0.8m, record.EstimatedCost);
        Assert.Equal(("9:16", "cat.jpg"), (record.ToVideoTask().AspectRatio, record.ToVideoTask().SourceImage)); // {Image} still names the file after a crash
        Assert.True(record.IsPending); // succeeded but not saved: a paid video not on disk yet

        journal.RecordSaved(task, "/videos/t1.mp4");
        Assert.False(journal.ReadAll().Single().IsPending);
    }

    [Fact]
    public void A_line_written_after_one_a_crash_cut_short_still_counts()
    {
        using var folder = new TempFolder();
        var journal = new TaskJournal(folder.File("journal.jsonl"));
        File.WriteAllText(journal.Path, "{\"event\":\"submitted\",\"id\":\"t0\",\"provi");

        journal.RecordSubmitted(new VideoTask("t1", "WaveSpeed", "m"), new Uri("https://api.wavespeed.ai"));

        Assert.Equal("t1", Assert.Single(journal.ReadAll()).Id);
    }

    [Fact]
    public async Task A_batch_cut_short_by_a_crash_is_finished_by_a_new_session_from_the_journal()
    {
        using var harness = new EmulatorHarness(options => options.Latency = TimeSpan.FromMilliseconds(200));
        var first = harness.Connect();
        for (var i = 0; i < 3; i++)
        {
            await first.SubmitAsync(first.Prepare(Support.Requests.FromUrl()), CancellationToken.None);
        }

        // "Crash": a new session over the same journal, knowing nothing of the first.
        using var later = new SeedanceSession(new TaskJournal(harness.Journal.Path), _ => null);
        var connection = later.Connect(new ConnectionOptions("WaveSpeed") { BaseUri = harness.Server.BaseUriFor("WaveSpeed"), ApiKey = ApiKeySecret.FromPlainText(EmulatorHarness.Key, "test"), Http = EmulatorHarness.FastHttp() });
        var pending = later.Journal.ReadAll().Where(record => record.IsPending).Select(record => record.ToVideoTask()).ToList();

        var files = await Task.WhenAll(pending.Select(async task =>
            await connection.SaveAsync(await connection.WaitAsync(task, TimeSpan.FromSeconds(30), CancellationToken.None), Path.Combine(harness.Folder.Path, "videos", task.Id + ".mp4"), false, null, CancellationToken.None)));

        Assert.Equal(3, pending.Count);
        Assert.All(files, file => Assert.True(File.Exists(file.Path)));
        Assert.DoesNotContain(later.Journal.ReadAll(), record => record.IsPending);
        Assert.Equal(3, harness.Submits());
    }

    [Fact]
    public async Task A_journal_that_cannot_be_written_costs_no_task_and_says_so()
    {
        using var harness = new EmulatorHarness();
        var connection = harness.Connect();
        Directory.CreateDirectory(harness.Journal.Path); // a folder where the journal file should be
        var warnings = new List<string>();

        VideoTask task;
        using (SeedanceLog.Capture(_ => { }, warnings.Add))
        {
            task = await connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl()), CancellationToken.None);
        }

        Assert.NotNull(harness.Server.Tasks.Peek(task.Id));
        var warning = Assert.Single(warnings);
        Assert.Contains(task.Id, warning);
        Assert.Contains("journal", warning);
    }

    [Fact]
    public void The_journal_lives_where_SEEDANCE_JOURNAL_says()
    {
        Assert.Equal("/tmp/j.jsonl", TaskJournal.DefaultPath(name => name == "SEEDANCE_JOURNAL" ? "/tmp/j.jsonl" : null));
        Assert.EndsWith(Path.Combine("Seedance", "journal.jsonl"), TaskJournal.DefaultPath(_ => null));
    }
}
