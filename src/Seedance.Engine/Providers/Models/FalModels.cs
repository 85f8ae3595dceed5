namespace Seedance.Providers.Models;

/// <summary>
/// fal's Seedance endpoints, each written as its difference from one before it: one endpoint per way of using
/// the images (image-to-video, text-to-video, reference-to-video), for each tier.
/// </summary>
/// <remarks>
/// Source: fal's model pages (fal.ai/models/bytedance/…, fal.ai/models/fal-ai/bytedance/seedance/…), which publish
/// 2.0 Fast's 720p price per second and a price per token for each model; the other prices follow from the token
/// price by ByteDance's formula (<see cref="TokenMeter"/>). 2.0 standard at 4k has no price: its token price at that
/// size is not published.
/// </remarks>
internal static class FalModels
{
    private static readonly string[] AspectRatios = { "auto", "21:9", "16:9", "4:3", "1:1", "3:4", "9:16" };
    private static readonly string[] FixedAspectRatios = { "21:9", "16:9", "4:3", "1:1", "3:4", "9:16" };

    /// <summary>The frame sizes fal's formula takes for Seedance 2.0 and 1.5.</summary>
    private static readonly TokenMeter Tokens = new(("480p", 864, 480), ("720p", 1280, 720), ("1080p", 1920, 1080));

    /// <summary>Seedance 1.0 renders 720p as 1248x704 and 1080p as 1920x1088.</summary>
    private static readonly TokenMeter Seedance1Tokens = new(("480p", 864, 480), ("720p", 1248, 704), ("1080p", 1920, 1088));

    /// <summary>fal's reference-to-video pages: "the price is x0.6 when video inputs are given".</summary>
    private const decimal VideoInputFactor = 0.6m;

    public static IReadOnlyList<ModelInfo> All { get; } = Catalogue();

    /// <summary>The reference-to-video rate; tokens include the input video's duration.</summary>
    private static Pricing.VideoInputPrice WithVideoInput(Dictionary<string, decimal> perSecond) =>
        new(perSecond, BillsInputSeconds: true, "fal's reference-to-video page: x0.6 when video inputs are given, input video seconds counted as tokens");

    private static IReadOnlyList<ModelInfo> Catalogue()
    {
        // One image, the first frame: references have an endpoint of their own. No seed.
        var fastImage = ByteDanceModels.Seedance20Fast(FalProvider.Name, "bytedance/seedance-2.0/fast/image-to-video") with
        {
            ImageHandling = ImageUse.FirstFrame,
            MinImages = 1,
            MaxImages = 1,
            // fal takes reference videos and audio on its reference-to-video endpoints only.
            ReferenceMedia = null,
            AspectRatios = AspectRatios,
            // Seedance 2.0's duration is "auto" (the model chooses) unless a length is given.
            OptionFlags = ModelOptions.GenerateAudio | ModelOptions.Webhook | ModelOptions.LastImage | ModelOptions.AutoDuration,
            // $0.0112 per 1,000 tokens; fal publishes the 720p price itself, $0.2419/s.
            PricePerSecond = Tokens.PerSecond(11.20m, "480p").AndPublished("720p", 0.2419m),
            PriceSource = "fal's model page: $0.0112 per 1,000 tokens by ByteDance's formula, 720p published as $0.2419/s",
            MaxImageBytes = 30L * 1024 * 1024,
        };
        var fastText = fastImage with
        {
            Id = "bytedance/seedance-2.0/fast/text-to-video",
            Aliases = Array.Empty<string>(),
            ImageHandling = ImageUse.None,
            MinImages = 0,
            MaxImages = 0,
            OptionFlags = ModelOptions.GenerateAudio | ModelOptions.Webhook | ModelOptions.AutoDuration,
        };
        var fastReferences = fastText with
        {
            Id = "bytedance/seedance-2.0/fast/reference-to-video",
            ImageHandling = ImageUse.References,
            MaxImages = 9,
            // video_urls and audio_urls: 3 of each, 2-15 s together.
            ReferenceMedia = ByteDanceModels.ReferenceMedia,
            PriceWithReferenceVideo = WithVideoInput(Tokens.PerSecond(11.20m * VideoInputFactor, "480p").AndPublished("720p", 0.14515m)),
        };

        // The standard tier: each fast endpoint's twin, up to 4k, at $0.014 per 1,000 tokens.
        static ModelInfo Standard(ModelInfo fast, string id) => fast with
        {
            Id = id,
            Family = "Seedance 2.0",
            Aliases = Array.Empty<string>(),
            Resolutions = new[] { "480p", "720p", "1080p", "4k" },
            PricePerSecond = Tokens.PerSecond(14.00m, "480p", "720p", "1080p"),
            PriceSource = "fal's model page: $0.014 per 1,000 tokens by ByteDance's formula",
            PriceWithReferenceVideo = fast.PriceWithReferenceVideo is null ? null : WithVideoInput(Tokens.PerSecond(14.00m * VideoInputFactor, "480p", "720p", "1080p")),
            TypicalGenerationTime = TimeSpan.FromSeconds(80),
        };

        // The Mini tier: each fast endpoint's twin under mini/; fal publishes no price for it.
        static ModelInfo Mini(ModelInfo fast, string id) => fast with
        {
            Id = id,
            Family = "Seedance 2.0 Mini",
            Aliases = Array.Empty<string>(),
            PricePerSecond = Prices.NotPublished,
            PriceWithReferenceVideo = null,
        };

        var pro15Image = fastImage with
        {
            Id = "fal-ai/bytedance/seedance/v1.5/pro/image-to-video",
            Family = "Seedance 1.5 Pro",
            Aliases = Array.Empty<string>(),
            Durations = Seconds.Between(4, 12),
            Resolutions = new[] { "480p", "720p", "1080p" },
            OptionFlags = ModelOptions.LastImage | ModelOptions.GenerateAudio | ModelOptions.Seed | ModelOptions.CameraFixed | ModelOptions.Webhook,
            PricePerSecond = Tokens.PerSecond(2.40m, "480p", "720p", "1080p"),
            PriceSource = "fal's model page: $0.0024 per 1,000 tokens by ByteDance's formula",
            // fal documents no image size limit for the 1.x endpoints: the 10 MB the other providers document holds.
            MaxImageBytes = 10L * 1024 * 1024,
            TypicalGenerationTime = TimeSpan.FromSeconds(60),
        };
        var pro15Text = pro15Image with
        {
            Id = "fal-ai/bytedance/seedance/v1.5/pro/text-to-video",
            ImageHandling = ImageUse.None,
            MinImages = 0,
            MaxImages = 0,
            OptionFlags = pro15Image.OptionFlags & ~ModelOptions.LastImage,
        };
        // Seedance 1.0: silent, 2 to 12 s, 1080p unless chosen.
        var pro10Image = pro15Image with
        {
            Id = "fal-ai/bytedance/seedance/v1/pro/image-to-video",
            Family = "Seedance 1.0 Pro",
            Durations = Seconds.Between(2, 12),
            DefaultResolution = "1080p",
            OptionFlags = ModelOptions.Seed | ModelOptions.CameraFixed | ModelOptions.Webhook,
            PricePerSecond = Seedance1Tokens.PerSecond(2.50m, "480p", "720p", "1080p"),
            PriceSource = "fal's model page: $0.0025 per 1,000 tokens by ByteDance's formula at Seedance 1.0's frame sizes",
        };
        var pro10Text = pro10Image with
        {
            Id = "fal-ai/bytedance/seedance/v1/pro/text-to-video",
            ImageHandling = ImageUse.None,
            MinImages = 0,
            MaxImages = 0,
            AspectRatios = FixedAspectRatios,
        };
        var proFastPrices = Seedance1Tokens.PerSecond(1.00m, "480p", "720p", "1080p");
        const string proFastSource = "fal's model page: $0.001 per 1,000 tokens by ByteDance's formula at Seedance 1.0's frame sizes";
        var proFast10Image = pro10Image with { Id = "fal-ai/bytedance/seedance/v1/pro/fast/image-to-video", Family = "Seedance 1.0 Pro Fast", PricePerSecond = proFastPrices, PriceSource = proFastSource };
        var proFast10Text = pro10Text with { Id = "fal-ai/bytedance/seedance/v1/pro/fast/text-to-video", Family = "Seedance 1.0 Pro Fast", PricePerSecond = proFastPrices, PriceSource = proFastSource };

        return new[]
        {
            fastImage,
            fastText,
            fastReferences,
            Standard(fastImage, "bytedance/seedance-2.0/image-to-video"),
            Standard(fastText, "bytedance/seedance-2.0/text-to-video"),
            Standard(fastReferences, "bytedance/seedance-2.0/reference-to-video"),
            Mini(fastImage, "bytedance/seedance-2.0/mini/image-to-video"),
            Mini(fastText, "bytedance/seedance-2.0/mini/text-to-video"),
            Mini(fastReferences, "bytedance/seedance-2.0/mini/reference-to-video"),
            pro15Image,
            pro15Text,
            pro10Image,
            pro10Text,
            proFast10Image,
            proFast10Text,
        };
    }
}
