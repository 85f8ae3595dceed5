using System;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Seedance.Http;
using Seedance.Providers;
using Seedance.Tests.Support;
using Xunit;

namespace Seedance.Tests.Providers;

/// <summary>The WaveSpeed wire mapping, checked against what arrives at its emulator twin over real HTTP.</summary>
public sealed class WaveSpeedProviderTests : IDisposable
{
    private readonly EmulatorHarness _harness = new();

    [Fact]
    public async Task The_submit_body_matches_the_golden_file()
    {
        var connection = _harness.Connect();
        var request = new VideoRequest { Prompt = "storyboard of a bakery", DurationSeconds = 10 };
        request.Images.Add(ImageInput.FromUri(new Uri("https://images.example.com/panel-1.jpg")));
        request.Images.Add(ImageInput.FromUri(new Uri("https://images.example.com/panel-2.jpg")));
        request.Shots.Add("wide shot of the street");
        request.Shots.Add("close-up of bread");

        var task = await connection.SubmitAsync(connection.Prepare(request), CancellationToken.None);

        var arrived = _harness.Server.Tasks.Peek(task.Id)!;
        Golden.AssertMatches("wavespeed", "image-to-video", arrived.Spec.RawBody);
        Assert.Equal("bytedance/seedance-2.0-fast/image-to-video", arrived.Spec.Model);
    }

    [Fact]
    public async Task A_local_image_travels_as_a_data_uri_and_the_webhook_as_a_query_parameter()
    {
        var connection = _harness.Connect();
        var request = Support.Requests.ImageToVideo(_harness.NewImage());
        request.WebhookUrl = new Uri("https://hooks.example.com/seedance?token=abc");

        var task = await connection.SubmitAsync(connection.Prepare(request), CancellationToken.None);

        var arrived = _harness.Server.Tasks.Peek(task.Id)!;
        using var body = JsonDocument.Parse(arrived.Spec.RawBody);
        Assert.StartsWith("data:image/png;base64,iVBORw0KGgo", body.RootElement.GetProperty("images")[0].GetString());
        Assert.Equal("https://hooks.example.com/seedance?token=abc", arrived.Spec.WebhookUrl);
    }

    [Fact]
    public async Task A_submitted_task_carries_what_was_asked_and_what_it_costs()
    {
        var connection = _harness.Connect();

        var task = await connection.SubmitAsync(connection.Prepare(Support.Requests.ImageToVideo(_harness.NewImage(name: "cat.png"), duration: 10)), CancellationToken.None);

        Assert.Equal(32, task.Id.Length);
        Assert.Equal(TaskState.Queued, task.State);
        Assert.Equal("WaveSpeed", task.Provider);
        Assert.Equal(connection.Name, task.Connection);
        Assert.Equal(1.60m, task.EstimatedCost);
        Assert.Equal(10, task.DurationSeconds);
        Assert.Equal("cat.png", task.SourceImage);
        Assert.Equal(task.Id, task.ToString());
    }

    [Theory]
    [InlineData("created", "[]", TaskState.Queued)]
    [InlineData("processing", "[]", TaskState.Running)]
    [InlineData("completed", "[\"https://cdn.wavespeed.ai/v.mp4\"]", TaskState.Succeeded)]
    [InlineData("completed", "[]", TaskState.Failed)]
    [InlineData("failed", "[]", TaskState.Failed)]
    [InlineData("timeout", "[]", TaskState.Failed)]
    [InlineData("cancelled", "[]", TaskState.Cancelled)]
    public void Statuses_map_to_one_vocabulary(string status, string outputs, TaskState expected)
    {
        using var data = JsonDocument.Parse($"{{\"id\":\"x\",\"status\":\"{status}\",\"outputs\":{outputs},\"error\":\"\",\"has_nsfw_contents\":[false],\"timings\":{{\"inference\":1234}}}}");

        var task = WaveSpeedProvider.ReadPrediction(data.RootElement, new VideoTask("x", "WaveSpeed", "m"));

        Assert.Equal(expected, task.State);
        Assert.Equal(expected == TaskState.Succeeded, task.VideoUrl is not null);
        Assert.Equal(expected.IsFinal(), task.CompletedAt is not null);
    }

    [Fact]
    public void A_completed_task_without_output_is_a_failure_with_a_reason()
    {
        using var data = JsonDocument.Parse("{\"id\":\"x\",\"status\":\"completed\",\"outputs\":[],\"error\":\"\"}");

        var task = WaveSpeedProvider.ReadPrediction(data.RootElement, new VideoTask("x", "WaveSpeed", "m"));

        Assert.Contains("no output", task.Error);
    }

    [Theory]
    [InlineData(401, "{\"code\":401,\"message\":\"Unauthorized\"}", SeedanceErrorCategory.Authentication)]
    [InlineData(403, "{\"code\":403,\"message\":\"Insufficient balance, please top up\"}", SeedanceErrorCategory.InsufficientBalance)]
    [InlineData(400, "{\"code\":400,\"message\":\"duration must be one of 5, 10, 15\"}", SeedanceErrorCategory.Validation)]
    [InlineData(400, "{\"code\":400,\"message\":\"input flagged as nsfw\"}", SeedanceErrorCategory.ContentPolicy)]
    [InlineData(404, "{\"code\":404,\"message\":\"prediction not found\"}", SeedanceErrorCategory.NotFound)]
    [InlineData(429, "{\"code\":429,\"message\":\"Too Many Requests\"}", SeedanceErrorCategory.RateLimited)]
    [InlineData(502, "<html>Bad Gateway</html>", SeedanceErrorCategory.Server)]
    public void Error_bodies_map_to_categories(int status, string body, SeedanceErrorCategory expected) =>
        Assert.Equal(expected, new WaveSpeedProvider().DescribeFailure(new ApiResponse((HttpStatusCode)status, body, null)).Category);

    [Fact]
    public async Task A_wrong_key_is_an_authentication_error_that_never_shows_the_key()
    {
        const string wrongKey = "sk-live-this-is-not-the-key-81c3";
        var connection = _harness.Connect(key: wrongKey);

        var error = await Assert.ThrowsAsync<SeedanceException>(() => connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl()), CancellationToken.None));

        Assert.Equal(SeedanceErrorCategory.Authentication, error.Category);
        Assert.Equal(401, error.StatusCode);
        Assert.DoesNotContain(wrongKey, error.ToString());
        Assert.Equal(0, _harness.Submits());
    }

    [Fact]
    public async Task A_queued_task_is_cancelled_and_a_processing_one_only_asked_to_stop()
    {
        using var harness = new EmulatorHarness(options => { options.ConcurrencyLimit = 1; options.Latency = TimeSpan.FromSeconds(30); });
        var connection = harness.Connect();
        var running = await connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl()), CancellationToken.None);
        var queued = await connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl()), CancellationToken.None);

        var (queuedOutcome, queuedTask) = await connection.CancelAsync(queued, CancellationToken.None);
        var (runningOutcome, _) = await connection.CancelAsync(running, CancellationToken.None);

        Assert.Equal(CancelOutcome.Cancelled, queuedOutcome);
        Assert.Equal(TaskState.Cancelled, queuedTask.State);
        Assert.Equal(CancelOutcome.Requested, runningOutcome);
        Assert.Null(harness.Server.Tasks.Peek(queued.Id)); // WaveSpeed deletes a task it cancels
        Assert.Equal(Seedance.Emulator.Tasks.EmulatedTaskState.Running, harness.Server.Tasks.Peek(running.Id)!.State);
    }

    [Fact]
    public async Task A_finished_task_is_not_deleted_by_a_cancel()
    {
        using var harness = new EmulatorHarness(options => options.Latency = TimeSpan.FromMilliseconds(50));
        var connection = harness.Connect();
        var task = await connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl()), CancellationToken.None);
        var finished = await connection.WaitAsync(task, TimeSpan.FromSeconds(20), CancellationToken.None);

        var (outcome, _) = await connection.CancelAsync(finished, CancellationToken.None);

        Assert.Equal(CancelOutcome.AlreadyFinished, outcome);
        Assert.DoesNotContain(harness.Server.Requests, request => request.Method == "DELETE");
    }

    public void Dispose() => _harness.Dispose();
}
