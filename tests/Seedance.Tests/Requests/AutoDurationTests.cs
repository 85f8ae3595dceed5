using Seedance.Providers;

namespace Seedance.Tests.Requests;

/// <summary>-Duration -1 lets the model choose the length where the provider offers it, and is refused elsewhere.</summary>
public sealed class AutoDurationTests : IDisposable
{
    private const string Prompt = "a lighthouse at dusk, the model picks the length";

    private readonly EmulatorHarness _harness = new();

    [Theory]
    [InlineData(ArkProvider.Name, "ark")]
    [InlineData(FalProvider.Name, "fal")]
    [InlineData(ReplicateProvider.Name, "replicate")]
    public async Task The_model_chooses_the_length_and_the_estimate_counts_the_longest(string provider, string golden)
    {
        var connection = _harness.Connect(provider);
        var prepared = connection.Prepare(new VideoRequest { Prompt = Prompt, DurationSeconds = -1 });

        var task = await connection.SubmitAsync(prepared, CancellationToken.None);

        Golden.AssertMatches(golden, "duration-auto", _harness.Server.Tasks.Peek(task.Id)!.Spec.RawBody);
        Assert.True(prepared.ModelChoosesDuration);
        Assert.Equal(prepared.Model.Durations.Max(), prepared.DurationSeconds);
        Assert.StartsWith($"up to {prepared.Model.Durations.Max()} s (the model chooses) ", prepared.Summary);
        Assert.Null(task.DurationSeconds);
    }

    [Fact]
    public void A_model_that_cannot_choose_is_refused_before_any_request_naming_those_that_can()
    {
        var error = _harness.AssertRefusedBeforeAnyRequest(WaveSpeedProvider.Name, new VideoRequest { Prompt = Prompt, DurationSeconds = -1 }, ErrorIds.DurationNotSupported, "Duration");

        Assert.Contains("-Duration -1 (the model chooses the length) is not offered by WaveSpeed model", error.Message);
        var offeredBy = error.Message.Substring(error.Message.IndexOf("Models that offer it: ", StringComparison.Ordinal));
        Assert.Contains("Ark (dreamina-seedance-2-0-fast-260128, dreamina-seedance-2-0-260128, seedance-1-5-pro-251215, dreamina-seedance-2-0-mini-260615, dreamina-seedance-2-5-260628)", offeredBy);
        Assert.Contains("fal (bytedance/seedance-2.0/fast/image-to-video", offeredBy);
        Assert.DoesNotContain("WaveSpeed", offeredBy);
    }

    public void Dispose() => _harness.Dispose();
}
