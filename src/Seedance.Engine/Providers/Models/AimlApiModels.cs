namespace Seedance.Providers.Models;

/// <summary>
/// AI/ML API's Seedance models, each written as its difference from one before it. One 2.x id covers text, first
/// frame (+ last frame) and up to 9 reference images.
/// </summary>
/// <remarks>
/// Source: the model schemas in aimlapi/api-docs (docs/api-references/video-models/ByteDance/*.json). AI/ML API
/// publishes no per-second price; the one figure here is worked out from the charge its docs show for one example.
/// </remarks>
internal static class AimlApiModels
{
    private static readonly string[] Seedance2Ratios = { "21:9", "16:9", "4:3", "1:1", "3:4", "9:16" };

    public static IReadOnlyList<ModelInfo> All { get; } = Catalogue();

    private static IReadOnlyList<ModelInfo> Catalogue()
    {
        // Duration is an integer 4-15 whose schema default is 8.
        var fast20 = ByteDanceModels.Seedance20Fast(AimlApiProvider.Name, "bytedance/seedance-2-0-fast") with
        {
            DefaultDuration = 8,
            AspectRatios = Seedance2Ratios,
            // The docs' one priced example: 8 s at 720p, usd_spent 2.515968 (exactly fal's 720p token rate x 1.3).
            PricePerSecond = Prices.PerClip("720p", 2.515968m, 8),
            PriceSource = "worked out from the charge AI/ML API's docs show for one 8 s 720p example ($2.515968)",
            TypicalGenerationTime = TimeSpan.FromSeconds(93),
        };
        var standard20 = fast20 with
        {
            Id = "bytedance/seedance-2-0",
            Family = "Seedance 2.0",
            Aliases = new[] { "seedance-2-0", "seedance-2.0" },
            DefaultDuration = 5,
            Resolutions = new[] { "480p", "720p", "1080p", "4k" },
            OptionFlags = fast20.OptionFlags | ModelOptions.Watermark,
            PricePerSecond = Prices.NotPublished,
            TypicalGenerationTime = TimeSpan.FromSeconds(60),
        };
        var pro15 = standard20 with
        {
            Id = "bytedance/seedance-1-5-pro",
            Family = "Seedance 1.5 Pro",
            Aliases = new[] { "seedance-1-5-pro" },
            ImageHandling = ImageUse.FirstFrame,
            ReferenceMedia = null,
            MaxImages = 1,
            Durations = Seconds.Between(4, 12),
            Resolutions = new[] { "480p", "720p", "1080p" },
            AspectRatios = new[] { "16:9", "4:3", "1:1", "3:4", "9:16", "21:9", "adaptive" },
            OptionFlags = standard20.OptionFlags | ModelOptions.CameraFixed,
        };
        // The 1.0 models: 5 or 10 s, 1080p by default, no sound; seed, watermark and "camerafixed" (so spelled) on
        // all; an aspect ratio only on text-to-video Lite.
        var proFast10 = pro15 with
        {
            Id = "bytedance/seedance-1-0-pro-fast",
            Family = "Seedance 1.0 Pro Fast",
            Aliases = new[] { "seedance-1-0-pro-fast" },
            Durations = new[] { 5, 10 },
            DefaultResolution = "1080p",
            AspectRatios = Array.Empty<string>(),
            OptionFlags = ModelOptions.LastImage | ModelOptions.Seed | ModelOptions.CameraFixed | ModelOptions.Watermark,
        };
        var proI2v10 = proFast10 with
        {
            Id = "bytedance/seedance-1-0-pro-i2v",
            Family = "Seedance 1.0 Pro",
            Aliases = new[] { "seedance-1-0-pro-i2v" },
            MinImages = 1,
        };
        // The published schema of this text-to-video id also takes image_url and last_image_url.
        var proT2v10 = proI2v10 with
        {
            Id = "bytedance/seedance-1-0-pro-t2v",
            Aliases = new[] { "seedance-1-0-pro-t2v" },
            MinImages = 0,
        };
        var liteI2v10 = proI2v10 with
        {
            Id = "bytedance/seedance-1-0-lite-i2v",
            Family = "Seedance 1.0 Lite",
            Aliases = new[] { "seedance-1-0-lite-i2v" },
            OptionFlags = proI2v10.OptionFlags & ~ModelOptions.LastImage,
            TypicalGenerationTime = TimeSpan.FromSeconds(90),
        };
        var liteT2v10 = liteI2v10 with
        {
            Id = "bytedance/seedance-1-0-lite-t2v",
            Aliases = new[] { "seedance-1-0-lite-t2v" },
            ImageHandling = ImageUse.None,
            MinImages = 0,
            MaxImages = 0,
            AspectRatios = new[] { "16:9", "4:3", "1:1", "3:4", "9:16", "21:9", "9:21" },
            TypicalGenerationTime = TimeSpan.FromSeconds(60),
        };
        return new[] { fast20, standard20, pro15, proFast10, proI2v10, proT2v10, liteI2v10, liteT2v10 };
    }
}
