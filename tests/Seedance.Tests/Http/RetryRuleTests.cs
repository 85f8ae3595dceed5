using Seedance.Connections;
using Seedance.Emulator.Faults;

namespace Seedance.Tests.Http;

/// <summary>
/// The retry rules over real HTTP with scripted faults: reads are repeated until they get through; a submit
/// is repeated only when it provably created nothing (a refused connection, a 429), never when it may have.
/// </summary>
public sealed class RetryRuleTests
{
    // AI/ML API has no list of recent tasks, so a lost answer stays an open question for the user.
    private const string WithoutTaskList = "AIMLAPI";

    [Fact]
    public async Task A_submit_that_got_a_500_is_not_repeated()
    {
        using var harness = new EmulatorHarness(options => options.Faults.Add(new FaultRule { Endpoint = "submit", Calls = { 1 }, Action = FaultAction.Status, StatusCode = 500 }));
        var connection = harness.Connect(WithoutTaskList);

        var error = await Assert.ThrowsAsync<SeedanceException>(() => connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl()), CancellationToken.None));

        Assert.Equal(1, harness.Server.Options.Faults.CallsTo("submit"));
        Assert.True(error.SubmitMayHaveSucceeded);
        Assert.Contains("https://aimlapi.com/app/usage", error.Message);
    }

    [Fact]
    public async Task A_submit_whose_answer_was_lost_is_not_repeated_and_its_task_exists()
    {
        using var harness = new EmulatorHarness(options => options.Faults.Add(new FaultRule { Endpoint = "submit", Calls = { 1 }, Action = FaultAction.DropAfterHandling }));
        var connection = harness.Connect(WithoutTaskList);

        var error = await Assert.ThrowsAsync<SeedanceException>(() => connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl()), CancellationToken.None));

        Assert.Equal("SubmitOutcomeUnknown", error.ErrorId);
        Assert.True(error.SubmitMayHaveSucceeded);
        Assert.Equal(1, harness.Server.Options.Faults.CallsTo("submit"));
        Assert.Equal(1, harness.Submits(WithoutTaskList));
    }

    [Theory]
    [InlineData("WaveSpeed")]
    [InlineData("Ark")]
    [InlineData("Replicate")]
    public async Task A_submit_whose_answer_was_lost_is_recovered_from_the_providers_task_list(string provider)
    {
        using var harness = new EmulatorHarness(options => options.Faults.Add(new FaultRule { Endpoint = "submit", Calls = { 1 }, Action = FaultAction.DropAfterHandling }));
        var connection = harness.Connect(provider);

        var task = await connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl()), CancellationToken.None);

        Assert.Equal(1, harness.Server.Options.Faults.CallsTo("submit"));
        Assert.Equal(1, harness.Submits(provider));
        Assert.NotNull(harness.Server.Tasks.Peek(task.Id));
        Assert.Equal(task.Id, harness.Journal.ReadAll().Single().Id);
        Assert.Equal(TaskState.Succeeded, (await connection.WaitAsync(task, TimeSpan.FromSeconds(30), CancellationToken.None)).Lifecycle);
    }

    [Theory]
    [InlineData("WaveSpeed")]
    [InlineData("Ark")]
    [InlineData("Replicate")]
    public async Task A_submit_that_created_nothing_is_reported_safe_to_repeat(string provider)
    {
        using var harness = new EmulatorHarness(options => options.Faults.Add(new FaultRule { Endpoint = "submit", Calls = { 1 }, Action = FaultAction.Status, StatusCode = 502 }));
        var connection = harness.Connect(provider);

        var error = await Assert.ThrowsAsync<SeedanceException>(() => connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl()), CancellationToken.None));

        Assert.Equal("SubmitNotCreated", error.ErrorId);
        Assert.False(error.SubmitMayHaveSucceeded);
        Assert.Contains("safe", error.Message);
        Assert.Equal(0, harness.Submits(provider));
    }

    [Fact]
    public async Task A_submit_refused_with_429_is_repeated_and_goes_through_once()
    {
        using var harness = new EmulatorHarness(options => options.Faults.Add(new FaultRule { Endpoint = "submit", Calls = { 1, 2 }, Action = FaultAction.Status, StatusCode = 429, RetryAfterSeconds = 0 }));
        var connection = harness.Connect();

        var task = await connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl()), CancellationToken.None);

        Assert.Equal(3, harness.Server.Options.Faults.CallsTo("submit"));
        Assert.Equal(1, harness.Submits());
        Assert.NotNull(harness.Server.Tasks.Peek(task.Id));
    }

    [Fact]
    public async Task A_retry_after_beyond_the_cap_is_not_waited_out()
    {
        using var harness = new EmulatorHarness(options => options.Faults.Add(new FaultRule { Endpoint = "submit", Action = FaultAction.Status, StatusCode = 429, RetryAfterDateSeconds = 3600 }));
        var connection = harness.Connect();

        var error = await Assert.ThrowsAsync<SeedanceException>(() => connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl()), CancellationToken.None));

        Assert.Equal(SeedanceErrorCategory.RateLimited, error.Category);
        Assert.Equal(1, harness.Server.Options.Faults.CallsTo("submit"));
        Assert.InRange(error.RetryAfter!.Value.TotalMinutes, 55, 61);
        Assert.False(error.SubmitMayHaveSucceeded);
    }

    [Fact]
    public async Task A_submit_to_a_port_nobody_listens_on_is_a_clear_network_error()
    {
        using var harness = new EmulatorHarness();
        var connection = harness.Session.Connect(new ConnectionOptions("WaveSpeed")
        {
            BaseUri = new Uri($"http://127.0.0.1:{LoopbackPort.Unused()}/wavespeed"),
            ApiKey = ApiKeySecret.FromPlainText(EmulatorHarness.Key, "test"),
            Http = EmulatorHarness.FastHttp(),
        });

        var error = await Assert.ThrowsAsync<SeedanceException>(() => connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl()), CancellationToken.None));

        Assert.Equal(SeedanceErrorCategory.Network, error.Category);
        Assert.False(error.SubmitMayHaveSucceeded);
        Assert.Contains("could not be reached", error.Message);
    }

    [Theory]
    [InlineData(FaultAction.Status, 503)]
    [InlineData(FaultAction.Status, 502)]
    [InlineData(FaultAction.Status, 429)]
    [InlineData(FaultAction.Truncate, 0)]
    [InlineData(FaultAction.Malformed, 0)]
    [InlineData(FaultAction.DropBeforeHandling, 0)]
    public async Task A_status_read_that_fails_once_is_repeated(FaultAction action, int statusCode)
    {
        using var harness = new EmulatorHarness(options => options.Faults.Add(new FaultRule { Endpoint = "status", Calls = { 1 }, Action = action, StatusCode = statusCode }));
        var connection = harness.Connect();
        var task = harness.SeedTask();

        var refreshed = await connection.RefreshAsync(task, CancellationToken.None);

        Assert.Equal(task.Id, refreshed.Id);
        Assert.Equal(2, harness.Server.Options.Faults.CallsTo("status"));
    }

    [Fact]
    public async Task A_status_read_stops_retrying_at_the_cap_with_a_server_error()
    {
        using var harness = new EmulatorHarness(options => options.Faults.Add(new FaultRule { Endpoint = "status", Action = FaultAction.Status, StatusCode = 503 }));
        var connection = harness.Connect();
        var task = harness.SeedTask();

        var error = await Assert.ThrowsAsync<SeedanceException>(() => connection.RefreshAsync(task, CancellationToken.None));

        Assert.Equal(SeedanceErrorCategory.Server, error.Category);
        Assert.Equal(1 + EmulatorHarness.FastHttp().MaxRetries, harness.Server.Options.Faults.CallsTo("status"));
    }

    [Fact]
    public async Task A_404_on_status_is_not_retried()
    {
        using var harness = new EmulatorHarness();
        var connection = harness.Connect();

        var error = await Assert.ThrowsAsync<SeedanceException>(() => connection.RefreshAsync(new VideoTask("no-such-task", "WaveSpeed", "m"), CancellationToken.None));

        Assert.Equal(SeedanceErrorCategory.NotFound, error.Category);
        Assert.Single(harness.Server.RequestsTo("WaveSpeed"));
    }
}
