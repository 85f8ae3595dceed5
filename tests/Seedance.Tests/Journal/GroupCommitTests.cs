using System.Collections.Concurrent;
using Seedance.Journal;
using Seedance.Tests.Support;

namespace Seedance.Tests.Journal;

/// <summary>
/// The journal's durability contract under load: every line is on disk before its write completes (an intent before
/// its submit goes out), and lines written at the same moment share one flush rather than taking one each.
/// </summary>
public sealed class GroupCommitTests
{
    [Fact]
    public async Task Each_line_is_written_before_its_write_completes_and_lines_waiting_together_share_a_flush()
    {
        var written = new ConcurrentQueue<string>();
        var flushes = 0;
        var commits = new GroupCommit(bytes =>
        {
            Interlocked.Increment(ref flushes);
            Thread.Sleep(20); // a disk slow enough that writers pile up behind one flush
            foreach (var line in System.Text.Encoding.UTF8.GetString(bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                written.Enqueue(line);
            }
        });

        var lines = Enumerable.Range(0, 200).Select(i => $"line {i}").ToList();
        await Task.WhenAll(lines.Select(line => Task.Run(async () =>
        {
            await commits.AppendAsync(System.Text.Encoding.UTF8.GetBytes(line + "\n"));
            Assert.Contains(line, written);
        })));

        Assert.Equal(lines.OrderBy(line => line), written.OrderBy(line => line));
        Assert.True(flushes < lines.Count / 4, $"{flushes} flushes for {lines.Count} lines written together");
    }

    [Fact]
    public async Task A_failed_flush_fails_every_write_it_carried_and_the_next_write_goes_ahead()
    {
        var fail = true;
        var commits = new GroupCommit(_ =>
        {
            if (fail)
            {
                throw new IOException("disk full");
            }
        });

        var failure = await Assert.ThrowsAsync<IOException>(() => commits.AppendAsync(new byte[] { (byte)'a', (byte)'\n' }));
        Assert.Equal("disk full", failure.Message);
        fail = false;
        await commits.AppendAsync(new byte[] { (byte)'b', (byte)'\n' });
    }

    [Fact]
    public async Task Concurrent_submits_each_find_their_intent_in_the_journal_file_when_they_reach_the_provider()
    {
        using var harness = new EmulatorHarness();
        var missing = new ConcurrentBag<string>();
        harness.Server.Tasks.Created += task =>
        {
            using var file = new FileStream(harness.Journal.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var journal = new StreamReader(file).ReadToEnd();
            if (!journal.Contains("\"intent\"") || !journal.Contains(task.Spec.Prompt))
            {
                missing.Add(task.Spec.Prompt);
            }
        };
        var connection = harness.Connect(configure: options => options.ThrottleLimit = 0);

        var tasks = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
        {
            return connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl(prompt: $"orbit number {i}")), CancellationToken.None);
        }));

        Assert.Equal(40, tasks.Select(task => task.Id).Distinct().Count());
        Assert.Empty(missing);
        Assert.Equal(40, harness.Journal.ReadIntents().Count);
    }
}
