using Seedance.Providers;
using Seedance.Tasks;

namespace Seedance.Tests.Errors;

/// <summary>A moderation refusal names the input it is about, and is never sent again.</summary>
public sealed class FlaggedInputTests : IDisposable
{
    private readonly EmulatorHarness _harness = new();

    [Theory]
    [InlineData("InputImageSensitiveContentDetected.PrivacyInformation", "The request failed because the input image may contain real person.", "Image")]
    [InlineData("InputImageRiskDetection", "risk", "Image")]
    [InlineData("InputTextRiskDetection", "risk", "Prompt")]
    [InlineData("InputVideoSensitiveContentDetected", "sensitive", "ReferenceVideo")]
    [InlineData("InputAudioSensitiveContentDetected.PolicyViolation", "sensitive", "ReferenceAudio")]
    [InlineData("AudioSensitiveContentDetected.PolicyViolation", "The generated audio may contain sensitive information.", FlaggedInput.GeneratedAudio)]
    [InlineData("OutputVideoSensitiveContentDetected", "The output video may contain sensitive information.", FlaggedInput.GeneratedVideo)]
    [InlineData("content_policy_violation", "The content could not be processed (content_policy_violation at body.end_image_url)", "LastImage")]
    [InlineData("content_policy_violation", "The content could not be processed (content_policy_violation at body.image_urls)", "Image")]
    [InlineData("content_policy_violation", "The content could not be processed (content_policy_violation at body.prompt)", "Prompt")]
    [InlineData(null, "The input or output was flagged as sensitive. Please try again with different inputs. (E005)", null)]
    public void The_flagged_input_is_read_from_what_the_provider_said(string? code, string message, string? expected) =>
        Assert.Equal(expected, FlaggedInput.Of(code, message));

    [Fact]
    public async Task Arks_refusal_of_a_real_persons_image_names_minus_Image_and_is_sent_once()
    {
        var connection = _harness.Connect(ArkProvider.Name);
        var request = new VideoRequest { Prompt = "a portrait turns to camera #real-person" };
        request.Images.Add(ImageInput.FromFile(_harness.NewImage(width: 640, height: 360)));

        var error = await Assert.ThrowsAsync<SeedanceException>(() => connection.SubmitAsync(connection.Prepare(request), CancellationToken.None));

        Assert.Equal(SeedanceErrorCategory.ContentPolicy, error.Category);
        Assert.Equal("InputImageSensitiveContentDetected.PrivacyInformation", error.ProviderCode);
        Assert.Equal("Image", error.FlaggedInput);
        Assert.Equal("Image", error.ParameterName);
        Assert.Contains("Flagged: -Image. Moderation refusals are final, so it was not retried: change -Image and submit again.", error.Message);
        Assert.Equal(1, _harness.ApiRequests(ArkProvider.Name));
    }

    [Fact]
    public async Task A_task_whose_generated_audio_is_refused_says_so()
    {
        var connection = _harness.Connect(ArkProvider.Name);
        var task = await connection.SubmitAsync(connection.Prepare(new VideoRequest { Prompt = "a street band plays #nsfw-audio" }), CancellationToken.None);

        var final = await connection.WaitAsync(task, TimeSpan.FromSeconds(20), CancellationToken.None);

        Assert.Equal("Failed", final.State);
        Assert.Equal("ContentPolicy", final.FailureCategory);
        Assert.Equal(FlaggedInput.GeneratedAudio, final.FlaggedInput);
        Assert.Contains("(ContentPolicy, flagged the generated audio: ", final.EndedLine());
    }

    [Fact]
    public async Task Fals_refusal_of_an_input_image_is_located_at_its_field()
    {
        var connection = _harness.Connect(FalProvider.Name);
        var request = new VideoRequest { Prompt = "a portrait turns to camera #real-person" };
        request.Images.Add(ImageInput.FromFile(_harness.NewImage()));
        var task = await connection.SubmitAsync(connection.Prepare(request), CancellationToken.None);

        var final = await connection.WaitAsync(task, TimeSpan.FromSeconds(20), CancellationToken.None);

        Assert.Equal("ContentPolicy", final.FailureCategory);
        Assert.Equal("Image", final.FlaggedInput);
        Assert.Equal(1, _harness.Submits(FalProvider.Name));
    }

    public void Dispose() => _harness.Dispose();
}
