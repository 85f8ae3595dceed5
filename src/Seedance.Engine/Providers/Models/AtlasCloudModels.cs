namespace Seedance.Providers.Models;

/// <summary>
/// Atlas Cloud's Seedance 2.0 models, each written as its difference from one before it: one model per way of
/// using the images (image-to-video, text-to-video, reference-to-video), for each tier. Only text-to-video needs a
/// prompt; with images the model can animate them unprompted.
/// </summary>
/// <remarks>
/// Source: Atlas Cloud's model pages (atlascloud.ai/models/bytedance/…), which show Seedance 2.0 (standard) at
/// $0.2419/s for 720p, billed by ByteDance's token formula (<see cref="TokenMeter"/>) at $0.0112 per 1,000 tokens.
/// No per-second price is published for 1080p, nor for 2.0 Fast at any resolution, so those are left out and
/// estimates say "price not published".
/// </remarks>
internal static class AtlasCloudModels
{
    private const ModelOptions CommonOptions = ModelOptions.GenerateAudio | ModelOptions.Watermark | ModelOptions.Webhook;

    /// <summary>The frame sizes the token formula takes, at 16:9.</summary>
    private static readonly TokenMeter Tokens = new(("480p", 864, 496), ("720p", 1280, 720));

    public static IReadOnlyList<ModelInfo> All { get; } = Catalogue();

    private static IReadOnlyList<ModelInfo> Catalogue()
    {
        // One image, the first frame: references have a model of their own. No seed.
        var fast = ByteDanceModels.Seedance20Fast(AtlasCloudProvider.Name, "bytedance/seedance-2.0-fast/image-to-video");
        var fastImage = fast with
        {
            Aliases = fast.Aliases.Concat(new[] { "bytedance/seedance-2.0/fast/image-to-video" }).ToArray(),
            ImageHandling = ImageUse.FirstFrame,
            MinImages = 1,
            MaxImages = 1,
            // Atlas Cloud takes reference videos and audio only as asset:// ids of its Asset Library, registered from a
            // public URL in its console: here they are refused, naming the models that take them.
            ReferenceMedia = null,
            PromptRequired = false,
            AspectRatios = new[] { "16:9", "9:16", "1:1", "4:3", "3:4", "21:9", "adaptive" },
            OptionFlags = CommonOptions | ModelOptions.LastImage,
            PricePerSecond = Prices.NotPublished,
            // The model schema's own limit for input images; the inline limit (a choice) is lower, see the provider.
            MaxImageBytes = 30L * 1024 * 1024,
            TypicalGenerationTime = TimeSpan.FromSeconds(60),
        };
        var fastText = fastImage with
        {
            Id = "bytedance/seedance-2.0-fast/text-to-video",
            Aliases = new[] { "bytedance/seedance-2.0/fast/text-to-video" },
            ImageHandling = ImageUse.None,
            MinImages = 0,
            MaxImages = 0,
            PromptRequired = true,
            OptionFlags = CommonOptions,
        };
        var fastReferences = fastImage with
        {
            Id = "bytedance/seedance-2.0-fast/reference-to-video",
            Aliases = new[] { "bytedance/seedance-2.0/fast/reference-to-video" },
            ImageHandling = ImageUse.References,
            MaxImages = 9,
            OptionFlags = CommonOptions,
        };

        // The standard tier: each fast model's twin, up to 1080p. Atlas Cloud shows prices to four places (its 720p
        // $0.2419 is the formula's $0.24192), and so are the ones worked out here.
        static ModelInfo Standard(ModelInfo fast, string id) => fast with
        {
            Id = id,
            Family = "Seedance 2.0",
            Aliases = Array.Empty<string>(),
            Resolutions = new[] { "480p", "720p", "1080p" },
            PricePerSecond = Tokens.PerSecond(11.20m, "480p", "720p").RoundedTo(4),
            PriceSource = "Atlas Cloud's model page: $0.2419/s at 720p, $0.0112 per 1,000 tokens by ByteDance's formula",
            // With a video input: $0.00688 per 1,000 tokens, the input video's seconds counted as tokens.
            PriceWithReferenceVideo = fast.ImageHandling == ImageUse.References
                ? new Pricing.VideoInputPrice(Tokens.PerSecond(6.88m, "480p", "720p").RoundedTo(4), BillsInputSeconds: true, "Atlas Cloud: $0.00688 per 1,000 tokens with a video input, input video seconds counted as tokens")
                : null,
            TypicalGenerationTime = TimeSpan.FromSeconds(150),
        };

        return new[]
        {
            fastImage,
            fastText,
            fastReferences,
            Standard(fastImage, "bytedance/seedance-2.0/image-to-video"),
            Standard(fastText, "bytedance/seedance-2.0/text-to-video"),
            Standard(fastReferences, "bytedance/seedance-2.0/reference-to-video"),
        };
    }
}
