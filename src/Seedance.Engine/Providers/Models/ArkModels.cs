namespace Seedance.Providers.Models;

/// <summary>
/// Ark's Seedance models (BytePlus ModelArk's ids; Volcengine sells the same models under <c>doubao-</c> ids), each
/// written as its difference from the one before. One 2.x id covers text, first frame, first+last frame and up to
/// 9 reference images.
/// </summary>
/// <remarks>
/// Sources: BytePlus ModelArk's video generation API reference and model list (ids, limits, image constraints);
/// prices from the token prices Vercel's AI Gateway lists for 2.0 Fast ($5.60 per million output tokens) and a
/// BytePlus provider test ($0.007 per thousand for 2.0), metered by ByteDance's formula (<see cref="TokenMeter"/>).
/// The 1.x models have no published per-second price on Ark, so none is given.
/// </remarks>
internal static class ArkModels
{
    /// <summary>Ark takes images up to 30 MB, inline as data: URIs too; there is no upload endpoint.</summary>
    public const long MaxImageBytes = 30L * 1024 * 1024;

    private const string Fast20 = "dreamina-seedance-2-0-fast-260128";
    private const string Standard20 = "dreamina-seedance-2-0-260128";
    private const string Mini20 = "dreamina-seedance-2-0-mini-260615";
    private const string Standard25 = "dreamina-seedance-2-5-260628";
    private const string Pro15 = "seedance-1-5-pro-251215";
    private const string Pro10 = "seedance-1-0-pro-250528";
    private const string ProFast10 = "seedance-1-0-pro-fast-251015";
    private const string LiteI2v10 = "seedance-1-0-lite-i2v-250428";
    private const string LiteT2v10 = "seedance-1-0-lite-t2v-250428";

    /// <summary>
    /// The models' ids where a region spells them differently from BytePlus (whose ids are the
    /// <see cref="ModelInfo.Id"/>s): Volcengine sells the same models under <c>doubao-</c> ids.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> RegionalIds =
        new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.OrdinalIgnoreCase)
        {
            [ArkProvider.VolcengineRegion] = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [Fast20] = "doubao-seedance-2-0-fast-260128",
                [Standard20] = "doubao-seedance-2-0-260128",
                [Pro15] = "doubao-seedance-1-5-pro-251215",
                [Pro10] = "doubao-seedance-1-0-pro-250528",
                [ProFast10] = "doubao-seedance-1-0-pro-fast-251015",
                [LiteI2v10] = "doubao-seedance-1-0-lite-i2v-250428",
                [LiteT2v10] = "doubao-seedance-1-0-lite-t2v-250428",
            },
        };

    /// <summary>Ark's documented image constraints: each side 300 to 6000 px, width/height strictly within (0.4, 2.5).</summary>
    private static readonly ImagePixelLimits ImagePixels = new(300, 6000, 0.4, 2.5);

    private static readonly IReadOnlyList<string> FixedRatios = new[] { "16:9", "4:3", "1:1", "3:4", "9:16", "21:9" };

    /// <summary>The frame sizes at 16:9 (other ratios differ by about 1%).</summary>
    private static readonly TokenMeter Tokens = new(("480p", 864, 496), ("720p", 1280, 720), ("1080p", 1920, 1080));

    /// <summary>Every Ark Seedance model can return its last frame (return_last_frame), the start of the next clip of a chain.</summary>
    private const ModelOptions Seedance1Options = ModelOptions.Seed | ModelOptions.CameraFixed | ModelOptions.Watermark | ModelOptions.Webhook | ModelOptions.ReturnLastFrame;

    /// <summary>
    /// Seedance 2.x on Ark takes no camera_fixed ("Seedance 2.0 系列暂不支持", Volcengine's create-task reference), so
    /// -CameraFixed is refused there rather than sent and ignored. 1.5 Pro and 2.x take <c>duration: -1</c> (the model
    /// chooses the length); 1.0 does not.
    /// </summary>
    private const ModelOptions Seedance2Options = ModelOptions.Watermark | ModelOptions.Webhook | ModelOptions.AutoDuration | ModelOptions.ReturnLastFrame;

    /// <summary>
    /// Ark's fields the 2.x models refuse. draft (1.5 Pro's preview) and frames (1.0's other way to set the length) are
    /// refused on every Ark model already, as set by -Resolution and -Duration.
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string> Seedance2FieldsRefused = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["service_tier"] = "Seedance 2.x on Ark has no offline inference (service_tier flex)",
    };

    public static IReadOnlyList<ModelInfo> All { get; } = Catalogue();

    private static IReadOnlyList<ModelInfo> Catalogue()
    {
        var fast = ByteDanceModels.Seedance20Fast(ArkProvider.Name, Fast20);
        var fast20 = fast with
        {
            Aliases = AlsoKnownAs(Fast20, fast.Aliases.ToArray()),
            AspectRatios = FixedRatios.Concat(new[] { "adaptive" }).ToArray(),
            OptionFlags = fast.OptionFlags | Seedance2Options,
            PricePerSecond = Tokens.PerSecond(5.60m, "480p", "720p"),
            PriceSource = "Vercel AI Gateway's $5.60 per million tokens for 2.0 Fast, by ByteDance's token formula",
            PriceWithReferenceVideo = WithVideoInput(5.60m, "480p", "720p"),
            FieldsRefused = Seedance2FieldsRefused,
            MaxImageBytes = MaxImageBytes,
            ImagePixels = ImagePixels,
        };
        var standard20 = fast20 with
        {
            Id = Standard20,
            Family = "Seedance 2.0",
            Aliases = AlsoKnownAs(Standard20, "seedance-2-0", "seedance-2.0"),
            Resolutions = new[] { "480p", "720p", "1080p" },
            PricePerSecond = Tokens.PerSecond(7.00m, "480p", "720p", "1080p"),
            PriceSource = "a BytePlus provider test's $0.007 per thousand tokens for 2.0, by ByteDance's token formula",
            PriceWithReferenceVideo = WithVideoInput(7.00m, "480p", "720p", "1080p"),
            TypicalGenerationTime = TimeSpan.FromSeconds(80),
        };
        // Leads from BytePlus integrations (vm0 PR #25814): Mini at $3.50 per million tokens, $2.10 with a video input.
        var mini20 = fast20 with
        {
            Id = Mini20,
            Family = "Seedance 2.0 Mini",
            Aliases = AlsoKnownAs(Mini20, "seedance-2-0-mini", "seedance-2.0-mini"),
            PricePerSecond = Tokens.PerSecond(3.50m, "480p", "720p"),
            PriceSource = "BytePlus's $3.50 per million tokens for 2.0 Mini (as BytePlus integrations report it), by ByteDance's token formula",
            PriceWithReferenceVideo = new Pricing.VideoInputPrice(Tokens.PerSecond(2.10m, "480p", "720p"), BillsInputSeconds: true, "BytePlus's $2.10 per million tokens for 2.0 Mini with a video input, input video seconds counted as tokens"),
        };
        // 2.5 (vm0 PR #28113): clips up to 30 s, up to 50 references. Its price is published in yuan only (Volcengine
        // 70 CNY per million tokens, 42 with a video input), so no dollar figure is given.
        var standard25 = standard20 with
        {
            Id = Standard25,
            Family = "Seedance 2.5",
            FollowsPromptTimes = true,
            Aliases = AlsoKnownAs(Standard25, "seedance-2-5", "seedance-2.5"),
            MaxImages = 50,
            Durations = Seconds.Between(4, 30),
            PricePerSecond = Prices.NotPublished,
            PriceWithReferenceVideo = null,
        };
        var pro15 = standard20 with
        {
            Id = Pro15,
            Family = "Seedance 1.5 Pro",
            Aliases = AlsoKnownAs(Pro15),
            ImageHandling = ImageUse.FirstFrame,
            MaxImages = 1,
            ReferenceMedia = null,
            Durations = Seconds.Between(4, 12),
            OptionFlags = standard20.OptionFlags | Seedance1Options,
            PricePerSecond = Prices.NotPublished,
            PriceWithReferenceVideo = null,
            FieldsRefused = new Dictionary<string, string>(),
            TypicalGenerationTime = TimeSpan.FromSeconds(60),
        };
        var pro10 = pro15 with
        {
            Id = Pro10,
            Family = "Seedance 1.0 Pro",
            Aliases = AlsoKnownAs(Pro10),
            Durations = Seconds.Between(2, 12),
            DefaultResolution = "1080p",
            OptionFlags = Seedance1Options,
        };
        var proFast10 = pro10 with { Id = ProFast10, Family = "Seedance 1.0 Pro Fast", Aliases = AlsoKnownAs(ProFast10) };
        var liteI2v10 = pro10 with
        {
            Id = LiteI2v10,
            Family = "Seedance 1.0 Lite",
            Aliases = AlsoKnownAs(LiteI2v10),
            ImageHandling = ImageUse.FirstFrameOrReferences,
            MinImages = 1,
            MaxImages = 4,
            DefaultResolution = "720p",
            OptionFlags = Seedance1Options | ModelOptions.LastImage,
        };
        var liteT2v10 = liteI2v10 with
        {
            Id = LiteT2v10,
            Aliases = AlsoKnownAs(LiteT2v10),
            ImageHandling = ImageUse.None,
            MinImages = 0,
            MaxImages = 0,
            AspectRatios = FixedRatios,
            OptionFlags = Seedance1Options,
        };
        return new[] { fast20, standard20, pro15, pro10, proFast10, liteI2v10, liteT2v10, mini20, standard25 };
    }

    /// <summary>
    /// The rate with a reference video: Volcengine prices 2.0 Fast at 37 CNY per million tokens without a video input
    /// and 22 with one; BytePlus publishes no dollar rate with video, so the same ratio is applied to its dollar price
    /// (BytePlus's 2.0 Mini, $3.50 and $2.10, has about the same). The input video's seconds are tokens too.
    /// </summary>
    private static Pricing.VideoInputPrice WithVideoInput(decimal dollarsPerMillionTokens, params string[] resolutions) => new(
        Tokens.PerSecond(dollarsPerMillionTokens * VideoInputCny / PlainCny, resolutions),
        BillsInputSeconds: true,
        $"Volcengine's ratio for a video input (22 CNY per million tokens against 37) applied to ${dollarsPerMillionTokens:0.00} per million, input video seconds counted as tokens");

    private const decimal PlainCny = 37m;
    private const decimal VideoInputCny = 22m;

    /// <summary>Names users may type for a model: the given ones, plus its ids in the other regions.</summary>
    private static IReadOnlyList<string> AlsoKnownAs(string id, params string[] names) =>
        names.Concat(RegionalIds.Values.Where(ids => ids.ContainsKey(id)).Select(ids => ids[id])).ToArray();
}
