using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Seedance.Tests.Emulator;

/// <summary>
/// What each twin takes as reference videos and audio, spoken to with a bare HttpClient: what the real service takes
/// (providers.md), and each refusal in the provider's own error shape.
/// </summary>
public sealed class ReferenceMediaTwinTests : IDisposable
{
    private const string ArkModel = "dreamina-seedance-2-0-fast-260128";
    private const string Video = "https://media.example.com/dance.mp4";
    private const string Audio = "https://media.example.com/beat.mp3";

    private readonly EmulatorHarness _harness = new();

    public static TheoryData<string, string> ArkRefusals() => new()
    {
        { Item("video_url", "data:video/mp4;base64,AAAA", "reference_video"), "content.video_url.url" },
        { Item("video_url", Video, "reference_image"), "content.role" },
        { Item("audio_url", "ftp://media.example.com/beat.mp3", "reference_audio"), "content.audio_url.url" },
        { Item("audio_url", Audio, "reference_audio"), "content.audio_url" },
        { string.Join(",", Enumerable.Repeat(Item("video_url", Video, "reference_video"), 4)), "content" },
    };

    [Theory]
    [MemberData(nameof(ArkRefusals))]
    public async Task Ark_refuses_what_its_service_refuses_in_its_error_shape(string items, string param)
    {
        using var answer = await PostAsync("Ark", "contents/generations/tasks", $"{{\"model\":\"{ArkModel}\",\"content\":[{{\"type\":\"text\",\"text\":\"dance\"}},{items}]}}");
        var body = await answer.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains("\"code\":\"InvalidParameter\"", body);
        Assert.Contains($"\"param\":\"{param}\"", body);
    }

    [Theory]
    [InlineData("asset://asset-20261203-dance")]
    [InlineData(Video)]
    public async Task Ark_takes_a_video_by_url_or_asset_id_and_audio_inline(string video)
    {
        var items = Item("video_url", video, "reference_video") + "," + Item("audio_url", "data:audio/wav;base64,UklGRg==", "reference_audio");
        using var answer = await PostAsync("Ark", "contents/generations/tasks", $"{{\"model\":\"{ArkModel}\",\"content\":[{{\"type\":\"text\",\"text\":\"dance\"}},{items}]}}");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
    }

    [Theory]
    [InlineData("{\"video_urls\":[\"data:video/mp4;base64,AAAA\"]}", "Invalid url at \"video_urls[0]\"")]
    [InlineData("{\"video_urls\":[\"" + Video + "\",\"" + Video + "\",\"" + Video + "\",\"" + Video + "\"]}", "at most 3 element(s) at \"video_urls\"")]
    [InlineData("{\"audio_urls\":[\"" + Audio + "\"]}", "audio_urls needs at least one image or video reference")]
    public async Task Aiml_api_refuses_what_its_schema_refuses(string fields, string message)
    {
        var json = fields.Insert(1, "\"model\":\"bytedance/seedance-2-0-fast\",\"prompt\":\"dance\",");
        using var answer = await PostAsync("AIMLAPI", "v2/video/generations", json);
        using var body = System.Text.Json.JsonDocument.Parse(await answer.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains(message, body.RootElement.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("\"reference_videos\":[\"" + Video + "\",\"" + Video + "\",\"" + Video + "\",\"" + Video + "\"]", HttpStatusCode.UnprocessableEntity)]
    [InlineData("\"reference_audios\":[\"" + Audio + "\"]", HttpStatusCode.UnprocessableEntity)]
    [InlineData("\"reference_videos\":[\"" + Video + "\"],\"reference_audios\":[\"" + Audio + "\"]", HttpStatusCode.Created)]
    public async Task Replicate_takes_up_to_three_of_each_and_audio_only_with_a_picture(string fields, HttpStatusCode expected)
    {
        using var answer = await PostAsync("Replicate", "models/bytedance/seedance-2.0-fast/predictions", $"{{\"input\":{{\"prompt\":\"dance\",{fields}}}}}");

        Assert.Equal(expected, answer.StatusCode);
    }

    private static string Item(string kind, string url, string role) =>
        $"{{\"type\":\"{kind}\",\"{kind}\":{{\"url\":\"{url}\"}},\"role\":\"{role}\"}}";

    private async Task<HttpResponseMessage> PostAsync(string provider, string path, string json)
    {
        using var client = new HttpClient { BaseAddress = new Uri(_harness.Server.BaseUriFor(provider).AbsoluteUri.TrimEnd('/') + "/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", EmulatorHarness.Key);
        return await client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
    }

    public void Dispose() => _harness.Dispose();
}
