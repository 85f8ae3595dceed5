namespace Seedance.Providers.Models;

/// <summary>
/// WaveSpeed's Seedance models, each written as its difference from one before it. Order matters: the first model
/// whose image count fits is chosen when the user names none (Seedance 2.0 Fast image-to-video first).
/// </summary>
/// <remarks>
/// Source: WaveSpeed's model pages (wavespeed.ai/models/bytedance/…, llms.txt), which publish prices per clip
/// ("$0.80 per 5 s"). The image-to-video page was published in two versions; this catalogue follows the model
/// page's (an <c>images</c> array of 1-4 references, 5/10/15 s, output resolution and ratio from the image), and
/// the -turbo/-spicy pages' first-frame shape for those variants.
/// </remarks>
internal static class WaveSpeedModels
{
    private static readonly string[] AllAspectRatios = { "16:9", "9:16", "4:3", "3:4", "1:1", "21:9" };

    // The text-to-video pages were published in two versions too; the older one (4 ratios, 5/10/15 s) is what
    // every version accepts, and matches the image-to-video shape this project follows.
    private static readonly string[] TextAspectRatios = { "16:9", "9:16", "4:3", "3:4" };

    private static readonly int[] ModelPageDurations = { 5, 10, 15 };

    public static IReadOnlyList<ModelInfo> All { get; } = Catalogue();

    private static IReadOnlyList<ModelInfo> Catalogue()
    {
        // The model page: 1-4 references, 5/10/15 s, the resolution and ratio of the image, no other options.
        var fastImage = ByteDanceModels.Seedance20Fast(WaveSpeedProvider.Name, "bytedance/seedance-2.0-fast/image-to-video") with
        {
            ImageHandling = ImageUse.References,
            MinImages = 1,
            MaxImages = 4,
            Durations = ModelPageDurations,
            Resolutions = Array.Empty<string>(),
            OptionFlags = ModelOptions.Webhook,
            // Reference videos and audio go to the text-to-video page: here they are refused, naming the models that
            // take them.
            ReferenceMedia = null,
            PricePerSecond = Prices.PerClip("720p", 0.80m, 5),
            PriceSource = "WaveSpeed's model page: $0.80 per 5 s at 720p",
        };
        var fastText = fastImage with
        {
            Id = "bytedance/seedance-2.0-fast/text-to-video",
            Aliases = Array.Empty<string>(),
            ImageHandling = ImageUse.None,
            MinImages = 0,
            MaxImages = 0,
            AspectRatios = TextAspectRatios,
            // The Fast text-to-video page takes reference_videos and reference_audios (3 of each, 15 s together).
            ReferenceMedia = ByteDanceModels.ReferenceMedia,
            PriceWithReferenceVideo = new Pricing.VideoInputPrice(Prices.PerClip("720p", 0.55m, 5), BillsInputSeconds: false, "WaveSpeed's pricing table: $0.55 per 5 s at 720p with reference videos"),
        };
        // The -turbo/-spicy pages: image and last_image, 4-15 s, six ratios, a choice of resolution.
        var turbo = fastImage with
        {
            Id = "bytedance/seedance-2.0-fast/image-to-video-turbo",
            Aliases = Array.Empty<string>(),
            ImageHandling = ImageUse.FirstFrame,
            MaxImages = 1,
            Durations = Seconds.Between(4, 15),
            Resolutions = new[] { "720p", "1080p" },
            AspectRatios = AllAspectRatios,
            OptionFlags = ModelOptions.LastImage | ModelOptions.Webhook,
            // "Fastest and most affordable": $0.60 per 5 s at 720p; no 1080p price is published.
            PricePerSecond = Prices.PerClip("720p", 0.60m, 5),
            PriceSource = "WaveSpeed's model page: $0.60 per 5 s at 720p",
            TypicalGenerationTime = TimeSpan.FromSeconds(30),
        };
        var spicy = turbo with
        {
            Id = "bytedance/seedance-2.0-fast/image-to-video-spicy",
            PromptRequired = false,
            Resolutions = new[] { "480p", "720p", "1080p" },
            OptionFlags = turbo.OptionFlags | ModelOptions.GenerateAudio | ModelOptions.Seed,
            PricePerSecond = Prices.NotPublished,
            TypicalGenerationTime = TimeSpan.FromSeconds(35),
        };
        // The standard tier: the same page shapes at $1.20 per 5 s.
        var standardImage = fastImage with
        {
            Id = "bytedance/seedance-2.0/image-to-video",
            Family = "Seedance 2.0",
            Aliases = Array.Empty<string>(),
            PricePerSecond = Prices.PerClip("720p", 1.20m, 5),
            PriceSource = "WaveSpeed's model page: $1.20 per 5 s at 720p",
            TypicalGenerationTime = TimeSpan.FromSeconds(80),
        };
        var standardText = fastText with
        {
            Id = "bytedance/seedance-2.0/text-to-video",
            Family = "Seedance 2.0",
            // Reference media is documented for the Fast page only.
            ReferenceMedia = null,
            PriceWithReferenceVideo = null,
            PricePerSecond = standardImage.PricePerSecond,
            PriceSource = standardImage.PriceSource,
            TypicalGenerationTime = standardImage.TypicalGenerationTime,
        };
        return new[] { fastImage, fastText, turbo, spicy, standardImage, standardText };
    }
}
