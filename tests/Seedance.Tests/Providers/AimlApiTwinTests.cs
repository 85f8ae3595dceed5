using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Seedance.Media;

namespace Seedance.Tests.Providers;

/// <summary>
/// The AI/ML API twin spoken to with a bare HttpClient, the way the product brief and the provider's docs do:
/// their examples must run against it unchanged.
/// </summary>
public sealed class AimlApiTwinTests : IDisposable
{
    private readonly EmulatorHarness _harness = new(options => options.Latency = TimeSpan.FromMilliseconds(100));
    private readonly HttpClient _client = new();
    private readonly string _base;

    public AimlApiTwinTests()
    {
        _base = _harness.Server.BaseUriFor("AIMLAPI").AbsoluteUri.TrimEnd('/');
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", EmulatorHarness.Key);
    }

    [Fact]
    public async Task The_briefs_own_example_runs_unchanged()
    {
        var submit = await PostAsync("/v2/generate/video", "{\"model\":\"seedance-2-0-fast\",\"image_url\":\"https://images.example.com/product.jpg\",\"prompt\":\"slow orbital pan, soft studio light\",\"duration\":5,\"resolution\":\"720p\",\"aspect_ratio\":\"16:9\"}");
        Assert.Equal(HttpStatusCode.OK, submit.Status);
        var taskId = submit.Json.GetProperty("task_id").GetString();

        var result = await PollAsync($"/v2/generate/video/{taskId}");
        Assert.Equal("completed", result.GetProperty("status").GetString());

        var path = _harness.Folder.File("brief.mp4");
        File.WriteAllBytes(path, await _client.GetByteArrayAsync(result.GetProperty("video_url").GetString()));
        var info = Mp4Inspector.Inspect(path);
        Assert.True(info.IsValid, string.Join("; ", info.Problems));
        Assert.Equal(5.0, info.DurationSeconds, 2);
    }

    [Fact]
    public async Task The_docs_example_with_a_string_duration_is_charged_like_the_docs_say()
    {
        var submit = await PostAsync("/v2/video/generations", "{\"model\":\"bytedance/seedance-2-0-fast\",\"prompt\":\"Mona Lisa puts on glasses with her hands.\",\"image_url\":\"https://images.example.com/mona_lisa_extended.jpg\",\"duration\":\"8\"}");

        Assert.Equal(HttpStatusCode.OK, submit.Status);
        Assert.Equal("queued", submit.Json.GetProperty("status").GetString());
        Assert.Equal(2.515968m, submit.Json.GetProperty("meta").GetProperty("usage").GetProperty("usd_spent").GetDecimal());
        Assert.Equal(5031936, submit.Json.GetProperty("meta").GetProperty("usage").GetProperty("credits_used").GetInt64());
        var status = await PollAsync($"/v2/video/generations?generation_id={submit.Json.GetProperty("id").GetString()}");
        Assert.Equal("completed", status.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("error").ValueKind);
        Assert.StartsWith(_harness.Server.Root.AbsoluteUri, status.GetProperty("video").GetProperty("url").GetString());
    }

    [Fact]
    public async Task The_legacy_vendor_path_creates_with_201_and_reports_like_the_universal_one()
    {
        var submit = await PostAsync("/v2/generate/video/bytedance/generation", "{\"model\":\"bytedance/seedance-1-0-lite-i2v\",\"image_url\":\"https://images.example.com/shot.jpg\",\"prompt\":\"a cat\",\"duration\":5,\"camerafixed\":true}");
        Assert.Equal(HttpStatusCode.Created, submit.Status);

        var status = await PollAsync($"/v2/generate/video/bytedance/generation?generation_id={submit.Json.GetProperty("id").GetString()}");

        Assert.Equal("completed", status.GetProperty("status").GetString());
        Assert.EndsWith(".mp4", status.GetProperty("video").GetProperty("url").GetString());
    }

    [Fact]
    public async Task Errors_come_in_the_providers_shape()
    {
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "wrong");

        var answer = await PostAsync("/v2/video/generations", "{}");

        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.StartsWith("This request requires a valid API key", answer.Json.GetProperty("message").GetString());
        Assert.Equal("/v2/video/generations", answer.Json.GetProperty("path").GetString());
        Assert.Equal(401, answer.Json.GetProperty("statusCode").GetInt32());
        Assert.True(Guid.TryParse(answer.Json.GetProperty("requestId").GetString(), out _));
        Assert.True(DateTimeOffset.TryParse(answer.Json.GetProperty("timestamp").GetString(), out _));
    }

    [Theory]
    [InlineData("{\"model\":\"bytedance/seedance-2-0-fast\"}", "Required at \"prompt\"")]
    [InlineData("{\"model\":\"bytedance/seedance-9\",\"prompt\":\"a\"}", "Invalid enum value. Expected 'bytedance/seedance-2-0-fast' | ")]
    [InlineData("{\"model\":\"bytedance/seedance-2-0-fast\",\"prompt\":\"a\",\"resolution\":\"1080p\"}", "Expected '480p' | '720p', received '1080p' at \"resolution\"")]
    [InlineData("{\"model\":\"bytedance/seedance-2-0-fast\",\"prompt\":\"a\",\"duration\":3}", "received 3 at \"duration\"")]
    [InlineData("{\"model\":\"bytedance/seedance-2-0-fast\",\"prompt\":\"a\",\"generate_audio\":\"yes\"}", "Expected boolean, received string at \"generate_audio\"")]
    [InlineData("{\"model\":\"bytedance/seedance-2-0-fast\",\"prompt\":\"a\",\"image_url\":\"C:/shots/cat.png\"}", "Invalid url at \"image_url\"")]
    [InlineData("{\"model\":\"bytedance/seedance-2-0-fast\",\"prompt\":\"a\",\"image_urls\":[]}", "Array must contain at least 1 element(s)")]
    [InlineData("{\"model\":\"bytedance/seedance-2-0-fast\",\"prompt\":\"a\",\"provider\":\"replicate\"}", "Expected 'bytedance' | 'fal' | 'auto', received 'replicate'")]
    [InlineData("{\"model\":\"bytedance/seedance-1-0-lite-i2v\",\"prompt\":\"a\"}", "Required at \"image_url\"")]
    [InlineData("{\"model\":\"bytedance/seedance-1-5-pro\",\"prompt\":\"a\",\"duration\":15}", "received 15 at \"duration\"")]
    public async Task Bodies_are_checked_per_model_like_the_providers_schemas(string body, string detail)
    {
        var answer = await PostAsync("/v2/video/generations", body);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.StartsWith("Body validation error!\n", answer.Json.GetProperty("message").GetString());
        Assert.Contains(detail, answer.Json.GetProperty("message").GetString());
        Assert.Equal(0, _harness.Submits("AIMLAPI"));
    }

    [Fact]
    public async Task Fields_a_models_schema_does_not_have_are_dropped_like_zod_does()
    {
        var submit = await PostAsync("/v2/video/generations", "{\"model\":\"bytedance/seedance-2-0-fast\",\"prompt\":\"a\",\"camerafixed\":\"not even a boolean\"}");

        Assert.Equal(HttpStatusCode.OK, submit.Status);
    }

    [Fact]
    public async Task Unknown_generations_paths_and_methods_are_404()
    {
        var unknown = await GetAsync("/v2/video/generations?generation_id=nope");
        using var delete = await _client.DeleteAsync(_base + "/v2/video/generations?generation_id=nope");

        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.Contains("Cannot DELETE /v2/video/generations", await delete.Content.ReadAsStringAsync());
    }

    /// <summary>Polls like the docs' samples do (while queued or generating), briefly, with an upper bound.</summary>
    private async Task<JsonElement> PollAsync(string path)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
        while (true)
        {
            var answer = (await GetAsync(path)).Json;
            if (answer.GetProperty("status").GetString() is not ("queued" or "generating") || DateTimeOffset.UtcNow > deadline)
            {
                return answer;
            }

            await Task.Delay(50);
        }
    }

    private async Task<(HttpStatusCode Status, JsonElement Json)> PostAsync(string path, string json)
    {
        using var answer = await _client.PostAsync(_base + path, new StringContent(json, Encoding.UTF8, "application/json"));
        return (answer.StatusCode, JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private async Task<(HttpStatusCode Status, JsonElement Json)> GetAsync(string path)
    {
        using var answer = await _client.GetAsync(_base + path);
        return (answer.StatusCode, JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    public void Dispose()
    {
        _client.Dispose();
        _harness.Dispose();
    }
}
