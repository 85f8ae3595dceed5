using Seedance.Emulator.Faults;
using static Seedance.Tests.Support.LostSubmits;

namespace Seedance.Tests.Tasks;

/// <summary>
/// A submit whose answer was lost, settled from the provider's list of tasks over real HTTP: a task the provider
/// records late is still found, a stranger's task on the same account is never taken for it, two that fit are
/// reported rather than guessed between, and "safe to submit again" is said only after listings over a window.
/// </summary>
public sealed class LostSubmitTests
{
    private const string StrangersPrompt = "a stranger's harbour at dusk";

    [Theory]
    [InlineData("WaveSpeed")]
    [InlineData("Ark")]
    [InlineData("Replicate")]
    [InlineData("fal")]
    public async Task A_task_the_provider_records_after_the_answer_was_lost_is_found_and_not_submitted_again(string provider)
    {
        using var harness = new EmulatorHarness(FirstSubmit(FaultAction.CreateLate, delayMilliseconds: 2500));
        var connection = harness.Connect(provider, configure: SettleWithin(TimeSpan.FromSeconds(10)));

        var task = await SubmitAsync(connection);

        var created = Assert.Single(harness.Server.Tasks.Snapshot());
        Assert.Equal(created.Id, task.Id);
        Assert.Equal(1, harness.Server.Options.Faults.CallsTo("submit"));
        Assert.True(harness.Server.Options.Faults.CallsTo("list") >= 2, "the first listing came before the provider recorded the task");
        Assert.Equal(task.Id, Assert.Single(harness.Journal.ReadAll()).Id);
    }

    [Theory]
    [InlineData("WaveSpeed")]
    [InlineData("Ark")]
    [InlineData("Replicate")]
    public async Task Safe_to_submit_again_is_said_only_after_listings_over_the_whole_window(string provider)
    {
        using var harness = new EmulatorHarness(FirstSubmit(FaultAction.Status, statusCode: 502));
        var connection = harness.Connect(provider, configure: SettleWithin(TimeSpan.FromSeconds(1.5)));

        var error = await SubmitFailsAsync(connection);

        Assert.Equal("SubmitNotCreated", error.ErrorId);
        Assert.False(error.SubmitMayHaveSucceeded);
        Assert.True(harness.Server.Options.Faults.CallsTo("list") >= 2, "one empty listing proves nothing");
        Assert.Equal(0, harness.Submits(provider));
        Assert.False(Assert.Single(harness.Journal.ReadIntents()).IsOpen);
    }

    [Theory]
    [InlineData("WaveSpeed")]
    [InlineData("Ark")]
    [InlineData("Replicate")]
    public async Task On_a_busy_account_safe_is_said_only_after_every_page_of_the_list_was_read(string provider)
    {
        using var harness = new EmulatorHarness(FirstSubmit(FaultAction.Status, statusCode: 502));
        var stranger = harness.ConnectAnotherClient(provider, options => options.ThrottleLimit = 0);
        for (var number = 1; number <= 150; number++)
        {
            await SubmitAsync(stranger, $"{StrangersPrompt} #{number}");
        }

        var connection = harness.Connect(provider, configure: SettleWithin(TimeSpan.FromSeconds(1)));

        var error = await SubmitFailsAsync(connection);

        // 150 tasks are two pages of a hundred: one page would not show them all.
        Assert.True(error.ErrorId == "SubmitNotCreated", error.Message);
        Assert.True(harness.Server.Options.Faults.CallsTo("list") >= 2);
        Assert.Equal(150, harness.Submits(provider));
    }

    [Theory]
    [InlineData("WaveSpeed")]
    [InlineData("Ark")]
    [InlineData("Replicate")]
    [InlineData("fal")]
    public async Task Another_clients_task_with_another_prompt_is_never_taken_for_a_lost_submit(string provider)
    {
        using var harness = new EmulatorHarness(FirstSubmit(FaultAction.Status, statusCode: 502));
        var theirs = await SubmitAsync(harness.ConnectAnotherClient(provider), StrangersPrompt);
        var connection = harness.Connect(provider, configure: SettleWithin(TimeSpan.FromSeconds(1.5)));

        var error = await SubmitFailsAsync(connection);

        // fal's request list may not show a request still in its queue, so there nothing is ever called safe.
        Assert.Equal(provider == "fal" ? "SubmitOutcomeUnknown" : "SubmitNotCreated", error.ErrorId);
        Assert.DoesNotContain(theirs.Id, error.Message);
        Assert.DoesNotContain(harness.Journal.ReadAll(), record => record.Id == theirs.Id);
        Assert.Equal(1, harness.Submits(provider));
    }

    [Theory]
    [InlineData("WaveSpeed")]
    [InlineData("Replicate")]
    [InlineData("fal")]
    public async Task Two_tasks_that_fit_the_lost_submit_are_both_reported_and_neither_is_adopted(string provider)
    {
        using var harness = new EmulatorHarness(FirstSubmit(FaultAction.DropAfterHandling));
        var theirs = await SubmitAsync(harness.ConnectAnotherClient(provider));
        var connection = harness.Connect(provider, configure: SettleWithin(TimeSpan.FromSeconds(1.5)));

        var error = await SubmitFailsAsync(connection);

        var ours = harness.Server.Tasks.Snapshot().Single(task => task.Id != theirs.Id);
        Assert.Equal("SubmitOutcomeUnknown", error.ErrorId);
        Assert.True(error.SubmitMayHaveSucceeded);
        Assert.Contains(theirs.Id, error.Message);
        Assert.Contains(ours.Id, error.Message);
        Assert.Empty(harness.Journal.ReadAll());
        Assert.True(Assert.Single(harness.Journal.ReadIntents()).IsOpen);
    }

    [Fact]
    public async Task Ark_tells_its_own_task_from_an_identical_strangers_by_the_reference_it_sent()
    {
        using var harness = new EmulatorHarness(FirstSubmit(FaultAction.DropAfterHandling));
        var theirs = await SubmitAsync(harness.ConnectAnotherClient("Ark"));
        var connection = harness.Connect("Ark", configure: SettleWithin(TimeSpan.FromSeconds(1.5)));

        var task = await SubmitAsync(connection);

        Assert.NotEqual(theirs.Id, task.Id);
        Assert.Equal(2, harness.Submits("Ark"));
        Assert.Equal(task.Id, Assert.Single(harness.Journal.ReadAll()).Id);
    }

    [Fact]
    public async Task An_Ark_reference_the_user_chose_is_matched_as_sent_but_never_taken_as_proof()
    {
        using var harness = new EmulatorHarness(FirstSubmit(FaultAction.DropAfterHandling));
        var connection = harness.Connect("Ark", configure: SettleWithin(TimeSpan.FromSeconds(1.5)));
        var request = Support.Requests.FromUrl();
        request.ExtraFields["safety_identifier"] = "end-user-7";

        var error = await Assert.ThrowsAsync<SeedanceException>(() => connection.SubmitAsync(connection.Prepare(request), System.Threading.CancellationToken.None));

        // The user's own end-user id may be on many of their tasks: the one created is named, not adopted, not denied.
        Assert.Equal("SubmitOutcomeUnknown", error.ErrorId);
        Assert.Contains(Assert.Single(harness.Server.Tasks.Snapshot()).Id, error.Message);
        Assert.Equal("end-user-7", Assert.Single(harness.Journal.ReadIntents()).Submit.ClientReference);
    }

    [Theory]
    [InlineData("AIMLAPI", "https://aimlapi.com/app/usage")]
    [InlineData("AtlasCloud", "https://console.atlascloud.ai")]
    public async Task A_lost_answer_where_the_provider_lists_no_tasks_says_where_to_look_and_stays_open(string provider, string whereToLook)
    {
        using var harness = new EmulatorHarness(FirstSubmit(FaultAction.DropAfterHandling));
        var connection = harness.Connect(provider);

        var error = await SubmitFailsAsync(connection);

        Assert.Equal("SubmitOutcomeUnknown", error.ErrorId);
        Assert.Contains(whereToLook, error.Message);
        Assert.Contains("Get-SeedanceTask -Pending", error.Message);
        Assert.DoesNotContain("-Recent", error.Message);
        Assert.True(Assert.Single(harness.Journal.ReadIntents()).IsOpen);
        Assert.Equal(1, harness.Submits(provider));
    }
}
