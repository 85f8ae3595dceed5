using Seedance.Connections;
using Seedance.Emulator.Faults;
using Seedance.Http;
using Seedance.Journal;
using static Seedance.Tests.Support.LostSubmits;

namespace Seedance.Tests.Tasks;

/// <summary>
/// Get-SeedanceTask -Pending and the submits that were never answered: a process killed with its submit on the
/// wire leaves an open intent, which -Pending settles from the provider's list at the address it was sent to, or
/// reports plainly, with where to look, where the provider lists no tasks.
/// </summary>
public sealed class PendingSubmitTests
{
    [Fact]
    public async Task A_fal_request_listed_only_after_the_window_stays_open_and_Pending_adopts_it_later()
    {
        using var harness = new EmulatorHarness(FirstSubmit(FaultAction.CreateLate, delayMilliseconds: 2500));
        var connection = harness.Connect("fal", configure: SettleWithin(TimeSpan.FromSeconds(0.5)));

        var error = await SubmitFailsAsync(connection);
        Assert.Equal("SubmitOutcomeUnknown", error.ErrorId);
        Assert.Contains("https://fal.ai/dashboard/requests", error.Message);
        Assert.True(Assert.Single(harness.Journal.ReadIntents()).IsOpen);
        await Wait.Until(() => harness.Submits("fal") == 1);

        var (adopted, said) = await SettleOpenSubmitsAsync(harness.Session);

        Assert.True(adopted.Count == 1, "-Pending said: " + string.Join("\n", said));
        Assert.Equal(Assert.Single(harness.Server.Tasks.Snapshot()).Id, adopted[0].Id);
        Assert.False(Assert.Single(harness.Journal.ReadIntents()).IsOpen);
        Assert.Equal(adopted[0].Id, Assert.Single(harness.Journal.ReadAll()).Id);
    }

    [Fact]
    public async Task A_process_killed_while_its_submit_was_on_the_wire_leaves_an_open_intent_that_Pending_settles()
    {
        using var harness = new EmulatorHarness(FirstSubmit(FaultAction.Delay, delayMilliseconds: 2000));
        // A journal from before intents existed: its task still reads, next to the new lines.
        File.WriteAllText(harness.Journal.Path, "{\"event\":\"submitted\",\"at\":\"2025-06-01T10:00:00+00:00\",\"id\":\"older-task\",\"provider\":\"WaveSpeed\",\"model\":\"m\",\"state\":\"Running\",\"processId\":1}\n");
        var dying = new SeedanceSession(new TaskJournal(harness.Journal.Path), _ => null);
        var submitting = SubmitAsync(dying.Connect(new ConnectionOptions("WaveSpeed") { BaseUri = harness.Server.BaseUriFor("WaveSpeed"), ApiKey = ApiKeySecret.FromPlainText(EmulatorHarness.Key, "test"), Http = EmulatorHarness.FastHttp() }));
        await Wait.Until(() => harness.Server.Options.Faults.CallsTo("submit") == 1);

        // The submit has reached the provider. The process dies: its connections go with the answer still to come.
        dying.Dispose();
        await Assert.ThrowsAnyAsync<Exception>(() => submitting);
        Assert.True(harness.Journal.ReadIntents().Single().IsOpen);
        harness.Connect(configure: SettleWithin(TimeSpan.FromSeconds(10)));

        var (adopted, said) = await SettleOpenSubmitsAsync(harness.Session);

        Assert.True(adopted.Count == 1, "-Pending said: " + string.Join("\n", said));
        var created = Assert.Single(harness.Server.Tasks.Snapshot());
        Assert.Equal(created.Id, adopted[0].Id);
        Assert.False(harness.Journal.ReadIntents().Single().IsOpen);
        Assert.Equal(new[] { created.Id, "older-task" }, harness.Journal.ReadAll().Select(record => record.Id));
    }

    [Fact]
    public async Task Pending_reports_an_open_intent_plainly_where_the_provider_lists_no_tasks()
    {
        using var harness = new EmulatorHarness(FirstSubmit(FaultAction.DropAfterHandling));
        await SubmitFailsAsync(harness.Connect("AIMLAPI"));

        var (adopted, said) = await SettleOpenSubmitsAsync(harness.Session);

        Assert.Empty(adopted);
        var warning = Assert.Single(said, line => line.StartsWith("The submit to", StringComparison.Ordinal));
        Assert.Contains(Prompt, warning);
        Assert.Contains("AIMLAPI", warning);
        Assert.Contains("https://aimlapi.com/app/usage", warning);
        Assert.True(harness.Journal.ReadIntents().Single().IsOpen);
    }

    /// <summary>What Get-SeedanceTask -Pending does first, and everything it said meanwhile (verbose and warnings).</summary>
    private static async Task<(IReadOnlyList<VideoTask> Adopted, List<string> Said)> SettleOpenSubmitsAsync(SeedanceSession session)
    {
        var said = new List<string>();
        using (SeedanceLog.Capture(said.Add))
        {
            return (await PendingSubmits.SettleAsync(session, DateTimeOffset.UtcNow.AddHours(-1), CancellationToken.None), said);
        }
    }
}
