using System;
using Seedance.Tasks;
using Xunit;

namespace Seedance.Tests.Tasks;

public sealed class TaskSentencesTests
{
    private static readonly DateTimeOffset Created = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_succeeded_task_ends_with_how_long_it_took()
    {
        var task = new VideoTask("t-1", "WaveSpeed", "m") { Lifecycle = TaskState.Succeeded, CreatedAt = Created, CompletedAt = Created.AddSeconds(12.34) };

        Assert.Equal("Task t-1 (WaveSpeed) succeeded after 12.3 s.", task.EndedLine());
    }

    [Fact]
    public void A_failed_task_ends_with_its_kind_of_failure_and_the_providers_reason()
    {
        var task = new VideoTask("t-2", "fal", "m") { Lifecycle = TaskState.Failed, FailureKind = SeedanceErrorCategory.ContentPolicy, Error = "flagged" };

        Assert.Equal("Task t-2 (fal) failed (ContentPolicy: flagged).", task.EndedLine());
        Assert.Equal("Task t-2 failed: flagged", task.EndedWithoutVideo());
    }

    [Fact]
    public void A_task_without_a_reason_says_so()
    {
        var task = new VideoTask("t-3", "Ark", "m") { Lifecycle = TaskState.Expired };

        Assert.Equal("Task t-3 (Ark) expired (no reason given: no detail).", task.EndedLine());
        Assert.Equal("Task t-3 expired.", task.EndedWithoutVideo());
    }

    [Theory]
    [InlineData(TaskState.Queued, "queued")]
    [InlineData(TaskState.Running, "running")]
    [InlineData(TaskState.Cancelled, "cancelled")]
    public void The_state_reads_as_a_word_inside_a_sentence(TaskState state, string word) =>
        Assert.Equal(word, new VideoTask("t", "p", "m") { Lifecycle = state }.StateWord());
}
