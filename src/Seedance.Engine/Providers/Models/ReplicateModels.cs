namespace Seedance.Providers.Models;

/// <summary>
/// Replicate's Seedance models, each written as its difference from the one before. One model id covers text, a
/// first frame (+ last frame) and references.
/// </summary>
/// <remarks>
/// Source: the models' input schemas on Replicate (replicate.com/bytedance/…, the version's openapi_schema). No
/// Replicate price for any of these models is in public material, so none is given.
/// </remarks>
internal static class ReplicateModels
{
    public static IReadOnlyList<ModelInfo> All { get; } = Catalogue();

    private static IReadOnlyList<ModelInfo> Catalogue()
    {
        // Seedance 2.0 takes -1 ("intelligent duration") to 15 in the schema; ByteDance renders 4 to 15 s.
        var fast = ByteDanceModels.Seedance20Fast(ReplicateProvider.Name, "bytedance/seedance-2.0-fast");
        var fast20 = fast with
        {
            AspectRatios = new[] { "16:9", "4:3", "1:1", "3:4", "9:16", "21:9", "adaptive" },
            OptionFlags = fast.OptionFlags | ModelOptions.Webhook | ModelOptions.AutoDuration,
        };
        var standard20 = fast20 with
        {
            Id = "bytedance/seedance-2.0",
            Family = "Seedance 2.0",
            Aliases = new[] { "seedance-2-0", "seedance-2.0" },
            Resolutions = new[] { "480p", "720p", "1080p" },
            TypicalGenerationTime = TimeSpan.FromSeconds(80),
        };
        // Seedance 1: silent, 2 to 12 s, with a camera lock.
        var pro10 = standard20 with
        {
            Id = "bytedance/seedance-1-pro",
            Family = "Seedance 1.0 Pro",
            Aliases = new[] { "seedance-1-pro", "seedance-1-0-pro" },
            ImageHandling = ImageUse.FirstFrame,
            MaxImages = 1,
            ReferenceMedia = null,
            Durations = Seconds.Between(2, 12),
            DefaultResolution = "1080p",
            AspectRatios = new[] { "16:9", "4:3", "1:1", "3:4", "9:16", "21:9", "9:21" },
            OptionFlags = ModelOptions.LastImage | ModelOptions.Seed | ModelOptions.CameraFixed | ModelOptions.Webhook,
            TypicalGenerationTime = TimeSpan.FromSeconds(60),
        };
        var lite10 = pro10 with
        {
            Id = "bytedance/seedance-1-lite",
            Family = "Seedance 1.0 Lite",
            Aliases = new[] { "seedance-1-lite", "seedance-1-0-lite" },
            ImageHandling = ImageUse.FirstFrameOrReferences,
            MaxImages = 4,
            DefaultResolution = "720p",
            // 1 Lite takes reference images only below 1080p.
            ReferenceImageResolutions = new[] { "480p", "720p" },
        };
        return new[] { fast20, standard20, pro10, lite10 };
    }
}
