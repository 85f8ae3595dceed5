using System.Text.Json.Nodes;
using Seedance.Providers;

namespace Seedance.Tests.Requests;

/// <summary>
/// Image roles: -Image follows each endpoint (one image a first frame, several references), -ReferenceImage is always
/// a reference, even one; a model that takes no reference images refuses them, naming those that do.
/// </summary>
public sealed class ReferenceImageTests : IDisposable
{
    private const string Image = "https://media.example.com/stills/dancer.png";

    private readonly EmulatorHarness _harness = new();

    private static VideoRequest OneReference(string? model = null)
    {
        var request = new VideoRequest { Prompt = "@Image1 dances", ImagesAreReferences = true, Model = model };
        request.Images.Add(ImageInput.Parse(Image));
        return request;
    }

    private async Task<JsonObject> SentBodyAsync(string provider, VideoRequest request)
    {
        var connection = _harness.Connect(provider);
        var task = await connection.SubmitAsync(connection.Prepare(request), CancellationToken.None);
        var body = JsonNode.Parse(_harness.Server.Tasks.Peek(task.Id)!.Spec.RawBody)!.AsObject();
        return body["input"]?.AsObject() ?? body;
    }

    [Theory]
    [InlineData(AimlApiProvider.Name, "image_urls", "image_url")]
    [InlineData(ReplicateProvider.Name, "reference_images", "image")]
    [InlineData(FalProvider.Name, "image_urls", "image_url")]
    [InlineData(AtlasCloudProvider.Name, "reference_images", "image")]
    [InlineData(WaveSpeedProvider.Name, "images", "image")]
    public async Task One_reference_image_goes_in_the_reference_field_not_the_first_frame(string provider, string references, string firstFrame)
    {
        var body = await SentBodyAsync(provider, OneReference());

        Assert.Equal(Image, body[references]!.AsArray().Single()!.GetValue<string>());
        Assert.False(body.ContainsKey(firstFrame), body.ToJsonString());
    }

    [Fact]
    public async Task Ark_is_sent_the_reference_image_role()
    {
        var body = await SentBodyAsync(ArkProvider.Name, OneReference());

        var image = body["content"]!.AsArray().Single(item => item!["type"]!.GetValue<string>() == "image_url")!;
        Assert.Equal("reference_image", image["role"]!.GetValue<string>());
    }

    [Fact]
    public async Task One_image_given_as_image_is_still_the_first_frame()
    {
        var request = new VideoRequest { Prompt = "slow pan" };
        request.Images.Add(ImageInput.Parse(Image));

        var body = await SentBodyAsync(ArkProvider.Name, request);

        Assert.Equal("first_frame", body["content"]!.AsArray().Single(item => item!["type"]!.GetValue<string>() == "image_url")!["role"]!.GetValue<string>());
    }

    [Fact]
    public void A_model_that_takes_only_a_first_frame_refuses_reference_images_naming_those_that_take_them()
    {
        var error = _harness.AssertRefusedBeforeAnyRequest(ArkProvider.Name, OneReference("seedance-1-5-pro-251215"), ErrorIds.ReferenceImagesNotSupported, "ReferenceImage");

        Assert.StartsWith("-ReferenceImage is not offered by Ark model seedance-1-5-pro-251215, which takes an image only as the first frame (-Image). Models that take reference images: WaveSpeed (", error.Message);
        Assert.Contains("fal (bytedance/seedance-2.0/fast/reference-to-video", error.Message);
    }

    [Fact]
    public void A_last_frame_cannot_go_with_reference_images()
    {
        var request = OneReference();
        request.LastImage = ImageInput.Parse(Image + "?last");

        var error = _harness.AssertRefusedBeforeAnyRequest(ArkProvider.Name, request, ErrorIds.LastImageWithReferences, "LastImage");

        Assert.Contains("-LastImage cannot be combined with -ReferenceImage", error.Message);
    }

    public void Dispose() => _harness.Dispose();
}
