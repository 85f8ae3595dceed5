using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Seedance.Tests.Providers;

/// <summary>
/// The WaveSpeed twin as any client sees it (WaveSpeed's SDK, curl): webhook signatures, both upload endpoints,
/// balance, history and submit checks, over raw HTTP.
/// </summary>
public sealed class WaveSpeedTwinTests : IDisposable
{
    private readonly EmulatorHarness _harness = new();
    private readonly HttpClient _client;

    public WaveSpeedTwinTests()
    {
        _client = new HttpClient { BaseAddress = new Uri(_harness.Server.BaseUriFor("WaveSpeed").AbsoluteUri.TrimEnd('/') + "/") };
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", EmulatorHarness.Key);
    }

    [Fact]
    public async Task Webhooks_are_signed_with_the_raw_secret_as_WaveSpeed_documents()
    {
        using var receiver = new WebhookReceiver();
        var connection = _harness.Connect();
        var request = Support.Requests.FromUrl(prompt: "a harbour at dawn");
        request.WebhookUrl = receiver.Url;

        var task = await connection.SubmitAsync(connection.Prepare(request), CancellationToken.None);
        var webhook = await receiver.NextAsync(TimeSpan.FromSeconds(15));

        var body = webhook.Body;
        var id = webhook.Headers["webhook-id"]!;
        var timestamp = webhook.Headers["webhook-timestamp"]!;
        var signature = webhook.Headers["webhook-signature"]!;
        var secret = (await GetDataAsync("api/v3/webhook/secret")).GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", secret);
        Assert.Equal("v3," + HexHmac(Encoding.UTF8.GetBytes(secret.Substring("whsec_".Length)), $"{id}.{timestamp}.{body}"), signature);
        Assert.NotEqual("v3," + HexHmac(Convert.FromBase64String(secret.Substring("whsec_".Length)), $"{id}.{timestamp}.{body}"), signature);
        Assert.InRange(long.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds());

        using var prediction = JsonDocument.Parse(body);
        Assert.False(prediction.RootElement.TryGetProperty("code", out _)); // the bare prediction, no envelope
        Assert.Equal(task.Id, prediction.RootElement.GetProperty("id").GetString());
        Assert.Equal("completed", prediction.RootElement.GetProperty("status").GetString());
        Assert.Equal("a harbour at dawn", prediction.RootElement.GetProperty("input").GetProperty("prompt").GetString());
        Assert.Single(prediction.RootElement.GetProperty("outputs").EnumerateArray());
    }

    [Fact]
    public async Task The_upload_ticket_names_a_presigned_put_that_needs_no_key()
    {
        var data = await PostDataAsync("api/v3/media/uploads", "{\"filename\":\"shot.png\",\"size\":4,\"content_type\":\"image/png\"}");
        var upload = data.GetProperty("upload");
        var download = data.GetProperty("download_url").GetString()!;
        Assert.Equal("PUT", upload.GetProperty("method").GetString());
        Assert.False(_harness.Server.Uploads.Holds(download));

        using var anonymous = new HttpClient();
        using var content = new ByteArrayContent(new byte[] { 1, 2, 3, 4 });
        content.Headers.ContentType = new MediaTypeHeaderValue(upload.GetProperty("headers").GetProperty("Content-Type").GetString()!);
        (await anonymous.PutAsync(upload.GetProperty("url").GetString(), content)).EnsureSuccessStatusCode();

        Assert.True(_harness.Server.Uploads.Holds(download));
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, await anonymous.GetByteArrayAsync(download));
    }

    [Theory]
    [InlineData("{\"filename\":\"big.png\",\"size\":20971521}", "file too large")]
    [InlineData("{\"filename\":\"notes.txt\",\"size\":10}", "unsupported file format")]
    [InlineData("{\"size\":10}", "filename and size are required")]
    public async Task An_upload_ticket_WaveSpeed_would_refuse_is_a_400_in_its_envelope(string ticket, string reason)
    {
        using var response = await _client.PostAsync("api/v3/media/uploads", new StringContent(ticket, Encoding.UTF8, "application/json"));

        await AssertErrorAsync(response, 400, reason);
    }

    [Fact]
    public async Task The_older_binary_upload_takes_a_multipart_file_and_serves_it_back()
    {
        var bytes = File.ReadAllBytes(_harness.NewImage());
        using var form = new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", "still.png" } };

        using var response = await _client.PostAsync("api/v3/media/upload/binary", form);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var data = document.RootElement.GetProperty("data");

        Assert.Equal(200, document.RootElement.GetProperty("code").GetInt32());
        Assert.Equal("image", data.GetProperty("type").GetString());
        Assert.Equal(bytes.Length, data.GetProperty("size").GetInt64());
        Assert.Equal(bytes, await new HttpClient().GetByteArrayAsync(data.GetProperty("download_url").GetString()));
    }

    [Fact]
    public async Task An_image_over_20_MB_is_refused_by_the_binary_upload_with_413()
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(new byte[(20 * 1024 * 1024) + 1]), "file", "huge.jpg" } };

        using var response = await _client.PostAsync("api/v3/media/upload/binary", form);

        await AssertErrorAsync(response, 413, "at most 20 MB");
        Assert.Equal(0, _harness.Server.Uploads.Count);
    }

    [Fact]
    public async Task A_submit_naming_an_upload_that_never_arrived_fails_to_download_it()
    {
        var ticket = await PostDataAsync("api/v3/media/uploads", "{\"filename\":\"shot.png\",\"size\":4}");
        var body = $"{{\"images\":[\"{ticket.GetProperty("download_url").GetString()}\"],\"prompt\":\"pan\",\"duration\":5}}";

        using var response = await _client.PostAsync("api/v3/bytedance/seedance-2.0-fast/image-to-video", new StringContent(body, Encoding.UTF8, "application/json"));

        await AssertErrorAsync(response, 400, "failed to download image");
        Assert.Equal(0, _harness.Submits());
    }

    [Theory]
    [InlineData("bytedance/seedance-2.0-fast/image-to-video", "{\"images\":[\"https://x.example/a.jpg\"],\"prompt\":\"p\",\"duration\":7}", "duration must be one of 5, 10, 15")]
    [InlineData("bytedance/seedance-2.0-fast/image-to-video", "{\"images\":[],\"prompt\":\"p\"}", "between 1 and 4")]
    [InlineData("bytedance/seedance-2.0-fast/image-to-video-turbo", "{\"image\":\"https://x.example/a.jpg\",\"prompt\":\"p\",\"resolution\":\"480p\"}", "resolution must be one of 720p, 1080p")]
    [InlineData("bytedance/seedance-2.0-fast/image-to-video-turbo", "{\"prompt\":\"p\"}", "image is required")]
    [InlineData("bytedance/seedance-2.0-fast/text-to-video", "{\"duration\":5}", "prompt is required")]
    [InlineData("bytedance/seedance-2.0-fast/text-to-video", "{\"prompt\":\"p\",\"aspect_ratio\":\"2:1\"}", "aspect_ratio must be one of")]
    public async Task Bodies_the_model_page_does_not_allow_are_400s(string model, string body, string reason)
    {
        using var response = await _client.PostAsync("api/v3/" + model, new StringContent(body, Encoding.UTF8, "application/json"));

        await AssertErrorAsync(response, 400, reason);
    }

    [Fact]
    public async Task Base64_output_cannot_be_combined_with_a_webhook()
    {
        var body = "{\"images\":[\"https://x.example/a.jpg\"],\"prompt\":\"p\",\"enable_base64_output\":true}";

        using var response = await _client.PostAsync("api/v3/bytedance/seedance-2.0-fast/image-to-video?webhook=https%3A%2F%2Fhooks.example.com%2Fx", new StringContent(body, Encoding.UTF8, "application/json"));

        await AssertErrorAsync(response, 400, "webhook");
    }

    [Fact]
    public async Task A_wrong_key_gets_a_401_that_mentions_unactivated_keys()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v3/account/balance");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-key");

        using var response = await _client.SendAsync(request);

        await AssertErrorAsync(response, 401, "unactivated");
    }

    [Fact]
    public async Task The_balance_is_reported_in_dollars()
    {
        var data = await GetDataAsync("api/v3/account/balance");

        Assert.Equal("USD", data.GetProperty("currency").GetString());
        Assert.True(data.GetProperty("balance").GetDecimal() > 0);
    }

    [Fact]
    public async Task The_history_filters_by_status_and_pages_newest_first()
    {
        var connection = _harness.Connect();
        var first = await connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl()), CancellationToken.None);
        await connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl()), CancellationToken.None);
        await connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl()), CancellationToken.None);
        await connection.SubmitAsync(connection.Prepare(new VideoRequest { Prompt = "text only" }), CancellationToken.None);

        var page2 = await PostDataAsync("api/v3/predictions", "{\"page\":2,\"page_size\":2,\"model\":\"bytedance/seedance-2.0-fast/image-to-video\"}");
        var none = await PostDataAsync("api/v3/predictions", "{\"page\":1,\"page_size\":10,\"status\":\"failed\"}");

        Assert.Equal(2, page2.GetProperty("page").GetInt32());
        Assert.Equal(new[] { first.Id }, page2.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetString()));
        Assert.Empty(none.GetProperty("items").EnumerateArray());
        using var tooMany = await _client.PostAsync("api/v3/predictions", new StringContent("{\"page\":1,\"page_size\":101}", Encoding.UTF8, "application/json"));
        await AssertErrorAsync(tooMany, 400, "page_size");
    }

    [Fact]
    public async Task A_deleted_task_answers_deleted_and_is_gone()
    {
        using var harness = new EmulatorHarness(options => options.ConcurrencyLimit = 1);
        var connection = harness.Connect();
        await connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl(prompt: "a cat #stuck")), CancellationToken.None);
        var queued = await connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl()), CancellationToken.None);
        using var client = new HttpClient { BaseAddress = new Uri(harness.Server.BaseUriFor("WaveSpeed").AbsoluteUri.TrimEnd('/') + "/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", EmulatorHarness.Key);

        using var deleted = await client.DeleteAsync($"api/v3/predictions/{queued.Id}");
        using var answer = JsonDocument.Parse(await deleted.Content.ReadAsStringAsync());
        using var after = await client.GetAsync($"api/v3/predictions/{queued.Id}/result");

        Assert.Equal("deleted", answer.RootElement.GetProperty("data").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
    }

    private async Task<JsonElement> GetDataAsync(string path)
    {
        using var response = await _client.GetAsync(path);
        return await DataOfAsync(response);
    }

    private async Task<JsonElement> PostDataAsync(string path, string json)
    {
        using var response = await _client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        return await DataOfAsync(response);
    }

    private static async Task<JsonElement> DataOfAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        using var document = JsonDocument.Parse(text);
        Assert.Equal(200, document.RootElement.GetProperty("code").GetInt32());
        return document.RootElement.GetProperty("data").Clone();
    }

    private static async Task AssertErrorAsync(HttpResponseMessage response, int status, string reason)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(status, (int)response.StatusCode);
        using var document = JsonDocument.Parse(text);
        Assert.Equal(status, document.RootElement.GetProperty("code").GetInt32());
        Assert.Contains(reason, document.RootElement.GetProperty("message").GetString());
    }

    private static string HexHmac(byte[] key, string content)
    {
        using var hmac = new HMACSHA256(key);
        return string.Concat(hmac.ComputeHash(Encoding.UTF8.GetBytes(content)).Select(octet => octet.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
    }

    public void Dispose()
    {
        _client.Dispose();
        _harness.Dispose();
    }
}
