using Seedance.Emulator.Faults;

namespace Seedance.Tests.Tasks;

/// <summary>
/// Every way a task can end frees its throttle slot, including a task that is already final when the submit
/// answers or when a lost submit is recovered. A leaked slot shows as a submit that never returns, so each test
/// bounds its submits with a deadline token: a leak fails the test by cancellation instead of hanging it.
/// </summary>
public sealed class ThrottleSlotTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Tasks_answered_finished_at_submit_free_their_slots()
    {
        using var harness = new EmulatorHarness(options => options.Faults.Add(new FaultRule { Endpoint = "submit", Action = FaultAction.AnswerFinished }));
        var connection = harness.Connect(configure: options => options.ThrottleLimit = 2);
        using var deadline = new CancellationTokenSource(Deadline);

        var tasks = await SubmitAsync(connection, 3, "finished at once", deadline.Token);

        Assert.All(tasks, task => Assert.Equal(TaskState.Succeeded, task.Lifecycle));
        Assert.Equal(3, harness.Submits());
        Assert.All(harness.Journal.ReadAll(), record => Assert.Equal(TaskState.Succeeded, record.State));
    }

    [Fact]
    public async Task Recovered_tasks_that_had_already_finished_free_their_slots()
    {
        // Every submit's answer is lost and its task finishes at once, so each is recovered from the list, final.
        using var harness = new EmulatorHarness(options =>
        {
            options.Latency = TimeSpan.Zero;
            options.Faults.Add(new FaultRule { Endpoint = "submit", Action = FaultAction.DropAfterHandling });
        });
        var connection = harness.Connect(configure: options => options.ThrottleLimit = 2);
        using var deadline = new CancellationTokenSource(Deadline);

        var tasks = await SubmitAsync(connection, 3, "recovered", deadline.Token);

        Assert.All(tasks, task => Assert.True(task.IsFinal));
        Assert.Equal(3, harness.Submits());
    }

    private static async Task<List<VideoTask>> SubmitAsync(Seedance.Connections.SeedanceConnection connection, int count, string prompt, CancellationToken deadline)
    {
        var tasks = new List<VideoTask>();
        for (var i = 0; i < count; i++)
        {
            tasks.Add(await connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl(prompt: $"pan {i} {prompt}")), deadline));
        }

        return tasks;
    }
}
