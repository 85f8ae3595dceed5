using Seedance.Media;
using Seedance.Providers;

namespace Seedance.Tests.Requests;

/// <summary>-ReturnLastFrame asks Ark for the video's last frame, which Save keeps beside the video; elsewhere it is refused.</summary>
public sealed class LastFrameTests : IDisposable
{
    private const string Prompt = "a lighthouse at dusk, ending on the lamp";

    private readonly EmulatorHarness _harness = new(options => options.Latency = TimeSpan.FromMilliseconds(200));

    [Fact]
    public async Task Ark_is_asked_for_the_last_frame_and_it_is_saved_beside_the_video_as_a_whole_png()
    {
        var connection = _harness.Connect(ArkProvider.Name);
        var task = await connection.SubmitAsync(connection.Prepare(new VideoRequest { Prompt = Prompt, DurationSeconds = 5, ReturnLastFrame = true }), CancellationToken.None);
        Golden.AssertMatches("ark", "last-frame", _harness.Server.Tasks.Peek(task.Id)!.Spec.RawBody);

        var finished = await connection.WaitAsync(task, TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.NotNull(finished.LastFrameUrl);
        var file = await connection.SaveAsync(finished, Path.Combine(_harness.Folder.Path, "lighthouse.mp4"), false, null, CancellationToken.None);

        Assert.Equal(Path.Combine(_harness.Folder.Path, "lighthouse.last-frame.png"), file.LastFramePath);
        var frame = ImageStructure.Read(File.ReadAllBytes(file.LastFramePath!));
        Assert.Equal("image/png", frame.MediaType);
        Assert.Null(frame.CutOffBefore);
        Assert.Equal((file.Width, file.Height), (frame.Width, frame.Height));
        Assert.False(File.Exists(file.LastFramePath + ".partial"));
    }

    [Fact]
    public async Task A_video_without_a_last_frame_is_saved_alone()
    {
        var connection = _harness.Connect(ArkProvider.Name);
        var task = await connection.SubmitAsync(connection.Prepare(new VideoRequest { Prompt = Prompt }), CancellationToken.None);
        var finished = await connection.WaitAsync(task, TimeSpan.FromSeconds(30), CancellationToken.None);
        var file = await connection.SaveAsync(finished, Path.Combine(_harness.Folder.Path, "plain.mp4"), false, null, CancellationToken.None);

        Assert.Null(finished.LastFrameUrl);
        Assert.Null(file.LastFramePath);
        Assert.False(File.Exists(LastFrameDownloader.PathBeside(file.Path)));
    }

    [Theory]
    [InlineData(WaveSpeedProvider.Name)]
    [InlineData(AimlApiProvider.Name)]
    [InlineData(FalProvider.Name)]
    [InlineData(ReplicateProvider.Name)]
    [InlineData(AtlasCloudProvider.Name)]
    public void Providers_without_a_last_frame_refuse_it_before_any_request_naming_Ark(string provider)
    {
        var error = _harness.AssertRefusedBeforeAnyRequest(provider, new VideoRequest { Prompt = Prompt, ReturnLastFrame = true }, ErrorIds.ParameterNotSupported, "ReturnLastFrame");

        Assert.Contains("-ReturnLastFrame is not offered by " + provider, error.Message);
        Assert.Contains("Models that offer it: Ark (dreamina-seedance-2-0-fast-260128", error.Message);
    }

    [Fact]
    public void Return_last_frame_through_extra_field_is_refused_for_the_parameter()
    {
        _harness.AssertRefusedBeforeAnyRequest(ArkProvider.Name, new VideoRequest { Prompt = Prompt, ExtraFields = { ["return_last_frame"] = true } }, ErrorIds.ExtraFieldModelled, "ExtraField");
    }

    public void Dispose() => _harness.Dispose();
}
