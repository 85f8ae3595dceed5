using Seedance.Emulator.Tasks;

namespace Seedance.Tests.Tasks;

/// <summary>
/// A wait's deadline can be turned into a cancel (Wait-SeedanceTask -CancelOnTimeout), so a stuck task stops
/// holding a paid slot: it is cancelled at the provider where the provider can, and the error says what happened.
/// </summary>
public sealed class CancelOnTimeoutTests
{
    private static readonly TimeSpan ShortDeadline = TimeSpan.FromSeconds(1);

    [Theory]
    // Replicate cancels a running prediction.
    [InlineData("Replicate", true, "was cancelled at Replicate (-CancelOnTimeout)", EmulatedTaskState.Cancelled)]
    // WaveSpeed deletes a task but lets one already processing run to the end.
    [InlineData("WaveSpeed", true, "WaveSpeed accepted the cancel request (-CancelOnTimeout), but the task was already running", EmulatedTaskState.Running)]
    // AI/ML API has no cancel at all.
    [InlineData("AIMLAPI", true, "AIMLAPI offers no way to cancel it (-CancelOnTimeout): it runs to the end and is billed", EmulatedTaskState.Running)]
    // Without the switch the task is left alone.
    [InlineData("Replicate", false, "It keeps running at Replicate and may still finish", EmulatedTaskState.Running)]
    public async Task A_task_still_running_at_the_deadline_is_cancelled_where_the_provider_can_and_the_error_says_what_happened(
        string provider, bool cancelOnTimeout, string said, EmulatedTaskState left)
    {
        using var harness = new EmulatorHarness();
        var connection = harness.Connect(provider);
        var task = await connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl(prompt: "pan #stuck")), CancellationToken.None);

        var error = await Assert.ThrowsAsync<SeedanceException>(() => connection.WaitAsync(task, ShortDeadline, cancelOnTimeout, CancellationToken.None));

        Assert.Equal("WaitTimedOut", error.ErrorId);
        Assert.Equal(SeedanceErrorCategory.Timeout, error.Category);
        Assert.Equal(task.Id, error.TaskId);
        Assert.Contains(said, error.Message);
        Assert.Equal(left, harness.Server.Tasks.Peek(task.Id)!.State);
    }

    [Fact]
    public async Task A_task_cancelled_on_timeout_is_journalled_as_cancelled_and_frees_its_slot()
    {
        using var harness = new EmulatorHarness();
        var connection = harness.Connect("Replicate", configure: options => options.ThrottleLimit = 1);
        var stuck = await connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl(prompt: "pan #stuck")), CancellationToken.None);

        await Assert.ThrowsAsync<SeedanceException>(() => connection.WaitAsync(stuck, ShortDeadline, cancelOnTimeout: true, CancellationToken.None));
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var next = await connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl(prompt: "pan, next")), deadline.Token);

        Assert.Equal(TaskState.Cancelled, harness.Journal.ReadAll().Single(record => record.Id == stuck.Id).State);
        Assert.False(next.IsFinal);
    }
}
