using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Seedance.Tests.Emulator;

/// <summary>
/// The Replicate twin's own protocol, spoken to with a bare HttpClient: the parts of Replicate's API the module
/// does not use itself (sync mode, deadlines, signed webhooks, files, versions) but that other clients of the
/// emulator, and the official client check, rely on.
/// </summary>
public sealed class ReplicateTwinTests
{
    private const string Model = "models/bytedance/seedance-2.0-fast/predictions";

    [Fact]
    public async Task Prefer_wait_holds_the_create_until_the_prediction_has_succeeded()
    {
        using var harness = new EmulatorHarness();
        using var client = Client(harness);

        using var created = await PostAsync(client, Model, "{\"input\":{\"prompt\":\"a cat\"}}", "Prefer", "wait");
        var prediction = await JsonAsync(created);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("succeeded", prediction.GetProperty("status").GetString());
        Assert.EndsWith(".mp4", prediction.GetProperty("output").GetString());
        Assert.Equal("hidden", prediction.GetProperty("version").GetString());
    }

    [Fact]
    public async Task Prefer_wait_n_answers_after_n_seconds_in_whatever_state_it_reached()
    {
        using var harness = new EmulatorHarness(options => options.Latency = TimeSpan.FromSeconds(30));
        using var client = Client(harness);

        using var created = await PostAsync(client, Model, "{\"input\":{\"prompt\":\"a cat\"}}", "Prefer", "wait=1");
        var prediction = await JsonAsync(created);

        Assert.Equal("processing", prediction.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, prediction.GetProperty("output").ValueKind);
    }

    [Fact]
    public async Task Cancel_after_aborts_a_prediction_not_yet_started_and_cancels_a_running_one()
    {
        using var harness = new EmulatorHarness(options => { options.ConcurrencyLimit = 1; options.Latency = TimeSpan.FromSeconds(30); });
        using var client = Client(harness);
        using var first = await PostAsync(client, Model, "{\"input\":{\"prompt\":\"runs\"}}", "Cancel-After", "700ms");
        using var second = await PostAsync(client, Model, "{\"input\":{\"prompt\":\"waits\"}}", "Cancel-After", "0.4s");
        var running = (await JsonAsync(first)).GetProperty("id").GetString()!;
        var queued = await JsonAsync(second);

        var aborted = await FinalAsync(client, queued.GetProperty("id").GetString()!);
        var canceled = await FinalAsync(client, running);

        Assert.Equal("starting", queued.GetProperty("status").GetString());
        Assert.True(queued.TryGetProperty("deadline", out _));
        Assert.Equal("aborted", aborted.GetProperty("status").GetString());
        Assert.Equal("canceled", canceled.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Creates_over_the_per_key_limit_get_replicates_throttle_answer()
    {
        using var harness = new EmulatorHarness(options => options.SubmitsPerMinute = 1);
        using var client = Client(harness);
        using var allowed = await PostAsync(client, Model, "{\"input\":{\"prompt\":\"one\"}}");

        using var throttled = await PostAsync(client, Model, "{\"input\":{\"prompt\":\"two\"}}");

        Assert.Equal(HttpStatusCode.Created, allowed.StatusCode);
        Assert.Equal((HttpStatusCode)429, throttled.StatusCode);
        Assert.Equal("{\"detail\":\"Request was throttled. Your rate limit resets in ~60s.\"}", await throttled.Content.ReadAsStringAsync());
        Assert.Equal(TimeSpan.FromSeconds(60), throttled.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task Invalid_inputs_are_listed_in_replicates_422_shape()
    {
        using var harness = new EmulatorHarness();
        using var client = Client(harness);

        using var refused = await PostAsync(client, Model, "{\"input\":{\"prompt\":\"a cat\",\"duration\":16,\"resolution\":\"1080p\"},\"model\":\"x\"}");
        var problem = await JsonAsync(refused);

        Assert.Equal((HttpStatusCode)422, refused.StatusCode);
        Assert.Equal("Input validation failed", problem.GetProperty("title").GetString());
        Assert.Equal(
            new[] { "additional_property_not_allowed:", "number_lte:input.duration", "enum:input.resolution" },
            problem.GetProperty("invalid_fields").EnumerateArray().Select(field => $"{field.GetProperty("type").GetString()}:{field.GetProperty("field").GetString()}"));
        Assert.Contains("- input.duration: Must be less than or equal to 15\n", problem.GetProperty("detail").GetString());
        Assert.Equal(0, harness.Submits("Replicate"));
    }

    [Theory]
    [InlineData("{\"prompt\":\"a\",\"image\":\"https://e.com/a.png\",\"reference_images\":[\"https://e.com/b.png\"]}")]
    [InlineData("{\"prompt\":\"a\",\"last_frame_image\":\"https://e.com/b.png\"}")]
    public async Task Frames_and_references_cannot_be_combined(string input)
    {
        using var harness = new EmulatorHarness();
        using var client = Client(harness);

        using var refused = await PostAsync(client, Model, $"{{\"input\":{input}}}");

        Assert.Equal((HttpStatusCode)422, refused.StatusCode);
        Assert.Equal(0, harness.Submits("Replicate"));
    }

    [Fact]
    public async Task A_missing_token_gets_replicates_401_problem()
    {
        using var harness = new EmulatorHarness();
        using var client = Client(harness, key: null);

        using var refused = await client.GetAsync("predictions/whatever");
        var problem = await JsonAsync(refused);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("Unauthenticated", problem.GetProperty("title").GetString());
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_completed_webhook_is_signed_with_the_accounts_default_secret()
    {
        using var harness = new EmulatorHarness();
        using var client = Client(harness);
        using var receiver = new WebhookReceiver();

        using var created = await PostAsync(client, Model, $"{{\"input\":{{\"prompt\":\"a cat\"}},\"webhook\":\"{receiver.Url}?job=7\",\"webhook_events_filter\":[\"completed\"]}}");
        var secret = (await JsonAsync(await client.GetAsync("webhooks/default/secret"))).GetProperty("key").GetString()!;
        var (headers, body) = await receiver.NextAsync(TimeSpan.FromSeconds(15));

        using var hmac = new HMACSHA256(Convert.FromBase64String(secret.Substring("whsec_".Length)));
        var expected = Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes($"{headers["webhook-id"]}.{headers["webhook-timestamp"]}.{body}")));
        Assert.Equal("v1," + expected, headers["webhook-signature"]);
        using var prediction = JsonDocument.Parse(body);
        Assert.Equal("succeeded", prediction.RootElement.GetProperty("status").GetString());
        Assert.Equal((await JsonAsync(created)).GetProperty("id").GetString(), prediction.RootElement.GetProperty("id").GetString());
        Assert.StartsWith("msg_", headers["webhook-id"]);
    }

    [Fact]
    public async Task Files_are_created_read_and_deleted_by_their_api_url()
    {
        using var harness = new EmulatorHarness();
        using var client = Client(harness);
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(new byte[] { 0x89, 0x50, 0x4E, 0x47 }) { Headers = { ContentType = new MediaTypeHeaderValue("image/png") } }, "content", "shot.png" },
            { new StringContent("{\"purpose\":\"test\"}", Encoding.UTF8, "application/json"), "metadata" },
        };

        using var created = await client.PostAsync("files", form);
        var file = await JsonAsync(created);
        var url = file.GetProperty("urls").GetProperty("get").GetString()!;
        using var read = await client.GetAsync(url);
        using var deleted = await client.DeleteAsync(url);
        using var gone = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(harness.Server.BaseUriFor("Replicate").AbsoluteUri + "/files/" + file.GetProperty("id").GetString(), url);
        Assert.Equal(4, file.GetProperty("size").GetInt32());
        Assert.Equal("test", file.GetProperty("metadata").GetProperty("purpose").GetString());
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task A_pinned_version_runs_through_predictions_and_an_unknown_or_missing_one_is_refused()
    {
        using var harness = new EmulatorHarness();
        using var client = Client(harness);
        const string version = "f22bbc7d965c70af30ba3b157e3bb05d232136555885e934b92878ad773f48c1";

        using var created = await PostAsync(client, "predictions", $"{{\"version\":\"bytedance/seedance-1-lite:{version}\",\"input\":{{\"prompt\":\"a cat\"}}}}");
        using var unknown = await PostAsync(client, "predictions", "{\"version\":\"0000\",\"input\":{\"prompt\":\"a cat\"}}");
        using var missing = await PostAsync(client, "predictions", "{\"input\":{\"prompt\":\"a cat\"}}");
        var prediction = await JsonAsync(created);

        Assert.Equal("bytedance/seedance-1-lite", prediction.GetProperty("model").GetString());
        Assert.Equal(version, prediction.GetProperty("version").GetString());
        Assert.Equal("Invalid version or not permitted", (await JsonAsync(unknown)).GetProperty("title").GetString());
        Assert.Equal("- version is required\n", (await JsonAsync(missing)).GetProperty("detail").GetString());
    }

    private static HttpClient Client(EmulatorHarness harness, string? key = EmulatorHarness.Key)
    {
        var client = new HttpClient { BaseAddress = new Uri(harness.Server.BaseUriFor("Replicate").AbsoluteUri + "/") };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string json, string? header = null, string? value = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (header is not null)
        {
            request.Headers.TryAddWithoutValidation(header, value);
        }

        return client.SendAsync(request);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    /// <summary>The prediction once it is final, polling as a client would.</summary>
    private static async Task<JsonElement> FinalAsync(HttpClient client, string id)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var prediction = await JsonAsync(await client.GetAsync($"predictions/{id}"));
            if (prediction.GetProperty("status").GetString() is not ("starting" or "processing"))
            {
                return prediction;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Prediction {id} did not finish.");
    }
}
