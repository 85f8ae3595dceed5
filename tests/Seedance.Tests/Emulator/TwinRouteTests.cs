using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Seedance.Emulator.Faults;
using Seedance.Emulator.Twins;

namespace Seedance.Tests.Emulator;

/// <summary>
/// Each twin's route table decides both what kind of call a request is (what a fault plan aims at) and who
/// answers it: a request a fault plan names is the request the twin handles as that call.
/// </summary>
public sealed class TwinRouteTests
{
    private const string ArkTasks = "/contents/generations/tasks";

    public static TheoryData<string, string, string, string> Endpoints => new()
    {
        { "WaveSpeed", "POST", "/api/v3/bytedance/seedance-2.0-fast/image-to-video", "submit" },
        { "WaveSpeed", "GET", "/api/v3/predictions/p1/result", "status" },
        { "WaveSpeed", "GET", "/api/v3/predictions/p1", "status" },
        { "WaveSpeed", "DELETE", "/api/v3/predictions/p1", "cancel" },
        { "WaveSpeed", "POST", "/api/v3/predictions", "list" },
        { "WaveSpeed", "POST", "/api/v3/media/uploads", "upload" },
        { "WaveSpeed", "POST", "/api/v3/media/upload/binary", "upload" },
        { "WaveSpeed", "GET", "/api/v3/account/balance", "other" },
        { "AIMLAPI", "POST", "/v2/video/generations", "submit" },
        { "AIMLAPI", "GET", "/v2/video/generations", "status" },
        { "AIMLAPI", "POST", "/v2/generate/video/bytedance/generation", "submit" },
        { "AIMLAPI", "GET", "/v2/generate/video/bytedance/generation", "status" },
        { "AIMLAPI", "POST", "/v2/generate/video", "submit" },
        { "AIMLAPI", "GET", "/v2/generate/video/t1", "status" },
        { "Ark", "POST", ArkTasks, "submit" },
        { "Ark", "GET", ArkTasks, "list" },
        { "Ark", "GET", ArkTasks + "/cgt-1", "status" },
        { "Ark", "DELETE", ArkTasks + "/cgt-1", "cancel" },
        { "Ark", "GET", ArkTasks + "/cgt-1/extra", "other" },
        { "fal", "POST", "/bytedance/seedance-2.0/fast/image-to-video", "submit" },
        { "fal", "GET", "/bytedance/seedance-2.0/requests/r1/status", "status" },
        { "fal", "GET", "/bytedance/seedance-2.0/requests/r1", "status" },
        { "fal", "PUT", "/bytedance/seedance-2.0/requests/r1/cancel", "cancel" },
        { "fal", "POST", "/storage/upload/initiate", "upload" },
        { "fal", "GET", "/v1/models/requests/by-endpoint", "list" },
        { "Replicate", "POST", "/models/bytedance/seedance-2.0-fast/predictions", "submit" },
        { "Replicate", "POST", "/predictions", "submit" },
        { "Replicate", "GET", "/predictions/p1", "status" },
        { "Replicate", "POST", "/predictions/p1/cancel", "cancel" },
        { "Replicate", "POST", "/files", "upload" },
        { "Replicate", "GET", "/predictions", "list" },
        { "Replicate", "GET", "/files", "list" },
        { "Replicate", "GET", "/webhooks/default/secret", "other" },
        { "AtlasCloud", "POST", "/api/v1/model/generateVideo", "submit" },
        { "AtlasCloud", "GET", "/api/v1/model/prediction/pred_1", "status" },
        { "AtlasCloud", "POST", "/api/v1/model/uploadMedia", "upload" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task A_fault_aimed_at_a_kind_of_call_hits_the_requests_of_that_kind(string provider, string method, string path, string kind)
    {
        using var harness = new EmulatorHarness(options => options.Faults.Add(new FaultRule { Endpoint = kind, Action = FaultAction.Status, StatusCode = 418 }));
        using var client = Client(harness, provider);

        using var answer = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), Url(harness, provider, path)) { Content = method is "POST" or "PUT" ? Json("{}") : null });

        Assert.Equal((HttpStatusCode)418, answer.StatusCode);
        Assert.Equal(1, harness.Server.Options.Faults.CallsTo(kind));
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public void A_path_with_a_trailing_slash_is_the_same_kind_of_call_as_the_path_without_it(string provider, string method, string path, string kind)
    {
        using var harness = new EmulatorHarness();
        var routes = TwinCatalog.Create(harness.Server.Services).Single(twin => twin.Provider == provider).Routes;

        Assert.Equal(kind, routes.EndpointOf(method, path));
        Assert.Equal(kind, routes.EndpointOf(method, path + "/"));
    }

    [Fact]
    public async Task Ark_serves_a_path_with_a_trailing_slash_as_the_path_without_it()
    {
        using var harness = new EmulatorHarness();
        using var client = Client(harness, "Ark");
        const string body = "{\"model\":\"dreamina-seedance-2-0-fast-260128\",\"content\":[{\"type\":\"text\",\"text\":\"a cat\"}]}";

        using var created = await client.PostAsync(Url(harness, "Ark", ArkTasks + "/"), Json(body));
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
        using var listed = await client.GetAsync(Url(harness, "Ark", ArkTasks + "/"));
        using var queried = await client.GetAsync(Url(harness, "Ark", $"{ArkTasks}/{id}/"));

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal(1, harness.Submits("Ark"));
        Assert.Equal(1, JsonDocument.Parse(await listed.Content.ReadAsStringAsync()).RootElement.GetProperty("total").GetInt32());
        Assert.Equal(id, JsonDocument.Parse(await queried.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString());
        Assert.Equal(1, harness.Server.Options.Faults.CallsTo("submit"));
        Assert.Equal(1, harness.Server.Options.Faults.CallsTo("list"));
        Assert.Equal(1, harness.Server.Options.Faults.CallsTo("status"));
    }

    private static HttpClient Client(EmulatorHarness harness, string provider)
    {
        var client = new HttpClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(provider == "fal" ? "Key" : "Bearer", EmulatorHarness.Key);
        return client;
    }

    private static string Url(EmulatorHarness harness, string provider, string path) =>
        harness.Server.BaseUriFor(provider).AbsoluteUri.TrimEnd('/') + path;

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
