using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Seedance.Media;
using Seedance.Providers;
using Seedance.Tests.Support;
using Xunit;

namespace Seedance.Tests.Providers;

/// <summary>
/// What every provider must do the same way, over real HTTP against its twin: a local image becomes a verified
/// video, a failed generation and a moderation refusal end as failures users can tell apart, a wrong key never
/// shows itself, and the model data is consistent. Provider-specific wire details are tested per provider.
/// </summary>
public sealed class ProviderConformanceTests
{
    public static TheoryData<string> Providers => new(ProviderCatalog.Names);

    /// <summary>The code each twin reports for a failed generation, as its provider does (null: it gives none).</summary>
    public static TheoryData<string, string?> FailureCodes => new()
    {
        { "WaveSpeed", null },
        { "AIMLAPI", "GenerationError" },
        { "Ark", "InternalServiceError" },
        { "fal", "runner_server_error" },
        { "Replicate", null },
        { "AtlasCloud", null },
    };

    /// <summary>The code each twin reports for a moderation refusal (null: it gives none).</summary>
    public static TheoryData<string, string?> RefusalCodes => new()
    {
        { "WaveSpeed", "nsfw" },
        { "AIMLAPI", "OutputVideoSensitiveContentDetected" },
        { "Ark", "OutputVideoSensitiveContentDetected" },
        { "fal", "content_policy_violation" },
        { "Replicate", "E005" },
        { "AtlasCloud", null },
    };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_local_image_becomes_a_verified_video_and_a_journalled_file(string provider)
    {
        using var harness = new EmulatorHarness();
        var connection = harness.Connect(provider);
        var image = harness.NewImage(width: 400, height: 304);

        var task = await connection.SubmitAsync(connection.Prepare(Support.Requests.ImageToVideo(image)), CancellationToken.None);
        var finished = await connection.WaitAsync(task, TimeSpan.FromSeconds(30), CancellationToken.None);
        var file = await connection.SaveAsync(finished, Path.Combine(harness.Folder.Path, "videos", task.Id + ".mp4"), false, null, CancellationToken.None);

        Assert.Equal(TaskState.Succeeded, finished.State);
        Assert.True(Mp4Inspector.Inspect(file.Path).IsValid);
        Assert.Equal(5.0, file.DurationSeconds, 2);
        Assert.Equal(Path.GetFileName(image), task.SourceImage);
        Assert.False(harness.Journal.ReadAll().Single().IsPending);
    }

    [Theory]
    [MemberData(nameof(FailureCodes))]
    public async Task A_failed_generation_ends_as_a_server_failure_with_the_providers_reason(string provider, string? failCode)
    {
        var final = await RunAsync(provider, "a cat #fail");

        Assert.Equal(TaskState.Failed, final.State);
        Assert.Equal(SeedanceErrorCategory.Server, final.FailureCategory);
        Assert.False(string.IsNullOrWhiteSpace(final.Error));
        Assert.Null(final.VideoUrl);
        if (failCode is not null)
        {
            Assert.Equal(failCode, final.ErrorCode);
        }
    }

    [Theory]
    [MemberData(nameof(RefusalCodes))]
    public async Task A_moderation_refusal_ends_as_a_content_policy_failure(string provider, string? refusalCode)
    {
        var final = await RunAsync(provider, "a cat #nsfw");

        Assert.Equal(TaskState.Failed, final.State);
        Assert.Equal(SeedanceErrorCategory.ContentPolicy, final.FailureCategory);
        if (refusalCode is not null)
        {
            Assert.Equal(refusalCode, final.ErrorCode);
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_wrong_key_is_an_authentication_error_that_never_shows_the_key(string provider)
    {
        const string wrongKey = "live-key-that-is-not-the-key-7f3e91";
        using var harness = new EmulatorHarness();
        var connection = harness.Connect(provider, key: wrongKey);

        var error = await Assert.ThrowsAsync<SeedanceException>(() => connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl()), CancellationToken.None));

        Assert.Equal(SeedanceErrorCategory.Authentication, error.Category);
        Assert.Equal(401, error.StatusCode);
        Assert.DoesNotContain(wrongKey, error.ToString());
        Assert.Equal(0, harness.Submits(provider));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void The_default_model_is_Seedance_2_0_Fast_and_answers_to_the_briefs_id(string provider)
    {
        var info = ProviderCatalog.Get(provider).Info;

        Assert.Contains("2.0 Fast", info.DefaultModel.Family);
        Assert.Same(info.DefaultModel, info.FindModel("seedance-2-0-fast"));
        Assert.NotEmpty(info.KeyVariables);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Every_model_is_consistent_data(string provider)
    {
        foreach (var model in ProviderCatalog.Get(provider).Info.Models)
        {
            Assert.Contains(model.DefaultDuration, model.Durations);
            Assert.InRange(model.MinImages, 0, model.MaxImages);
            Assert.True(model.Resolutions.Count == 0 || model.Resolutions.Contains(model.DefaultResolution), $"{model}: default resolution {model.DefaultResolution} is not offered");
            Assert.All(model.PricePerSecond.Keys, resolution => Assert.True(model.Resolutions.Contains(resolution) || resolution == model.DefaultResolution, $"{model}: priced at {resolution}, which it does not offer"));
            Assert.All(model.PricePerSecond.Values, price => Assert.InRange(price, 0.001m, 5m));
            Assert.True(model.ImageUse == ImageUse.None ? model.MaxImages == 0 : model.MaxImages > 0, $"{model}: image use {model.ImageUse} with {model.MaxImages} images");
        }
    }

    private static async Task<VideoTask> RunAsync(string provider, string prompt)
    {
        using var harness = new EmulatorHarness(options => options.Latency = TimeSpan.FromMilliseconds(100));
        var connection = harness.Connect(provider);
        var task = await connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl(prompt: prompt)), CancellationToken.None);
        return await connection.WaitAsync(task, TimeSpan.FromSeconds(30), CancellationToken.None);
    }
}
