using System.Net;
using System.Text.Json;
using Seedance.Emulator.Faults;
using Seedance.Emulator.Recording;
using Seedance.Emulator.Server;
using Seedance.Emulator.Tasks;

namespace Seedance.Tests.Emulator;

/// <summary>
/// The recorder shows what the emulator received and did (requests, tasks, faults, webhooks) so users can assert
/// on it, never holds a credential, and stays within its record limit, saying how many it dropped.
/// </summary>
public sealed class RecorderTests
{
    private const string Key = "sk-recorder-6b1d0c2e9f8a7b6c5d4e3f2a1b0c9d8e";

    [Fact]
    public async Task Requests_are_recorded_with_their_provider_method_path_and_body_and_never_the_key()
    {
        using var harness = new EmulatorHarness(options => options.ApiKey = Key);
        var connection = harness.Connect(key: Key);

        var task = await connection.WaitAsync(await connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl(prompt: "a lighthouse at dusk")), CancellationToken.None), TimeSpan.FromSeconds(30), CancellationToken.None);

        var requests = harness.Server.Recorder.Records<RecordedRequest>();
        var submit = Assert.Single(requests, request => request.Method == "POST");
        Assert.Equal("WaveSpeed", submit.Provider);
        Assert.Equal("Request", submit.Kind);
        Assert.StartsWith("/wavespeed/api/v3/bytedance/", submit.Path);
        Assert.Equal("Bearer", submit.AuthScheme);
        Assert.Equal("a lighthouse at dusk", JsonDocument.Parse(submit.Body).RootElement.GetProperty("prompt").GetString());
        Assert.Contains(requests, request => request.Method == "GET" && request.Path.Contains(task.Id));
        Assert.All(harness.Server.Recorder.Records(), record => Assert.DoesNotContain(Key, JsonSerializer.Serialize<object>(record) + record));
    }

    [Fact]
    public async Task A_created_task_is_recorded_with_its_id_model_and_live_state()
    {
        using var harness = new EmulatorHarness();
        var connection = harness.Connect();

        var submitted = await connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl()), CancellationToken.None);
        var recorded = Assert.Single(harness.Server.Recorder.Records<RecordedTask>());
        Assert.Equal(submitted.Id, recorded.TaskId);
        Assert.Equal("WaveSpeed", recorded.Provider);
        Assert.Contains("seedance", recorded.Model);
        Assert.Equal("slow orbital pan", recorded.Prompt);

        await connection.WaitAsync(submitted, TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.Equal("Succeeded", recorded.State);
        Assert.NotNull(recorded.CompletedAt);
    }

    [Fact]
    public async Task A_fault_that_fires_is_recorded_with_its_endpoint_call_and_action()
    {
        using var harness = new EmulatorHarness(options =>
            options.Faults.Add(new FaultRule { Endpoint = "status", Calls = { 1 }, Action = FaultAction.Status, StatusCode = 503 }));
        var connection = harness.Connect();

        await connection.WaitAsync(await connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl()), CancellationToken.None), TimeSpan.FromSeconds(30), CancellationToken.None);

        var fault = Assert.Single(harness.Server.Recorder.Records<RecordedFault>());
        Assert.Equal(("WaveSpeed", "status", 1, "Status", 503), (fault.Provider, fault.Endpoint, fault.Call, fault.Action, fault.StatusCode));
    }

    [Fact]
    public async Task A_webhook_is_recorded_with_its_task_and_how_delivery_went()
    {
        using var harness = new EmulatorHarness(options => options.Latency = TimeSpan.FromMilliseconds(50));
        using var receiver = new HttpListener();
        var port = EmulatorServer.FreePort();
        receiver.Prefixes.Add($"http://127.0.0.1:{port}/hook/");
        receiver.Start();
        var answering = Task.Run(async () =>
        {
            var context = await receiver.GetContextAsync();
            context.Response.StatusCode = 204;
            context.Response.Close();
        });

        var delivered = Seed(harness, $"http://127.0.0.1:{port}/hook/");
        var offMachine = Seed(harness, "https://hooks.example.com/seedance");
        await answering.WaitAsync(TimeSpan.FromSeconds(30));
        var webhooks = await WhenSettled(harness, 2);

        var local = Assert.Single(webhooks, webhook => webhook.TaskId == delivered);
        Assert.Equal(("WaveSpeed", "Delivered", 204, 1), (local.Provider, local.Status, local.StatusCode, local.Attempts));
        Assert.Contains(delivered, local.Body);
        var skipped = Assert.Single(webhooks, webhook => webhook.TaskId == offMachine);
        Assert.Equal(("NotLoopback", 0), (skipped.Status, skipped.Attempts));
    }

    [Fact]
    public async Task Past_its_limit_the_recorder_drops_the_oldest_and_counts_them()
    {
        using var harness = new EmulatorHarness(options => options.RecordLimit = 3);
        using var client = new HttpClient();

        for (var i = 1; i <= 5; i++)
        {
            await client.GetAsync(new Uri(harness.Server.Root, $"wavespeed/api/v3/predictions/missing-{i}/result"));
        }

        var kept = harness.Server.Recorder.Records();
        Assert.Equal(new long[] { 3, 4, 5 }, kept.Select(record => record.Sequence));
        Assert.EndsWith("missing-5/result", ((RecordedRequest)kept[2]).Path);
        Assert.Equal(2, harness.Server.Recorder.Dropped);

        harness.Server.Recorder.Clear();

        Assert.Empty(harness.Server.Recorder.Records());
        Assert.Equal(0, harness.Server.Recorder.Dropped);
    }

    [Fact]
    public void A_record_limit_of_zero_records_nothing()
    {
        var recorder = new EmulatorRecorder(0);
        recorder.Webhook("http://127.0.0.1:1/", "{}");

        Assert.Empty(recorder.Records());
        Assert.Equal(1, recorder.Dropped);
    }

    [Theory]
    [InlineData("{\"prompt\":\"p\",\"api_key\":\"abc123\"}", "{\"prompt\":\"p\",\"api_key\":\"****\"}")]
    [InlineData("{\"input\":{\"webhookSecret\":\"whsec_1\",\"max_tokens\":5}}", "{\"input\":{\"webhookSecret\":\"****\",\"max_tokens\":5}}")]
    [InlineData("{\"prompt\":\"uses sk-known-1\"}", "{\"prompt\":\"uses ****\"}")]
    [InlineData("{\"image\":\"data:image/png;base64,iVBORw0KGgoAAAA=\"}", "{\"image\":\"data:image/png;base64,<16 characters>\"}")]
    [InlineData("{\"images\":[\"data:image/png;base64,ab\\u002Bc/d=\"]}", "{\"images\":[\"data:image/png;base64,<7 characters>\"]}")]
    [InlineData("prompt=data:image/png;base64,abcd", "prompt=data:image/png;base64,<4 characters>")]
    public void Bodies_are_kept_without_secrets_or_inline_images(string body, string kept)
    {
        Assert.Equal(kept, SecretMask.Body(body, "application/json", new[] { "sk-known-1" }));
    }

    [Fact]
    public void Queries_are_kept_without_secret_parameters()
    {
        Assert.Equal("webhook=https%3A%2F%2Fh.example%2Fx&key=****&x=****", SecretMask.Query("webhook=https%3A%2F%2Fh.example%2Fx&key=k1&x=sk-known-1", new[] { "sk-known-1" }));
    }

    [Fact]
    public void An_upload_is_kept_as_its_type_and_size()
    {
        Assert.Equal("<multipart/form-data, 11 bytes>", SecretMask.Body(System.Text.Encoding.UTF8.GetBytes("hello world"), "multipart/form-data; boundary=x", Array.Empty<string>()));
    }

    [Fact]
    public void A_binary_upload_is_kept_as_its_type_and_its_size_in_bytes()
    {
        // Not valid UTF-8: decoded as text, its length would not be its size.
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0xFF, 0xFE, 0x80, 0x81 };

        Assert.Equal("<image/png, 12 bytes>", SecretMask.Body(png, "image/png", Array.Empty<string>()));
    }

    private static string Seed(EmulatorHarness harness, string webhookUrl)
    {
        var id = Guid.NewGuid().ToString("N");
        harness.Server.Tasks.Create(id, EmulatorHarness.Key, new EmulatedTaskSpec { Provider = "WaveSpeed", Model = "seeded", Prompt = "seeded", WebhookUrl = webhookUrl });
        return id;
    }

    /// <summary>The webhook records once <paramref name="count"/> of them have finished delivering (or given up).</summary>
    private static async Task<IReadOnlyList<RecordedWebhook>> WhenSettled(EmulatorHarness harness, int count)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var webhooks = harness.Server.Recorder.Records<RecordedWebhook>();
            if (webhooks.Count(webhook => webhook.Status != "Sending") >= count)
            {
                return webhooks;
            }

            await Task.Delay(20, patience.Token);
        }
    }
}
