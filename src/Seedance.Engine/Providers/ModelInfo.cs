namespace Seedance.Providers;

/// <summary>
/// What one model on one provider accepts and costs. Requests are validated against this data before any
/// HTTP call, so a provider's schema change is a change of data here, not of code.
/// </summary>
public sealed record ModelInfo
{
    public ModelInfo(string provider, string id, string family)
    {
        Provider = provider;
        Id = id;
        Family = family;
    }

    public string Provider { get; }

    /// <summary>The id in the provider's spelling, as sent on the wire.</summary>
    public string Id { get; init; }

    /// <summary>The model family, e.g. "Seedance 2.0 Fast".</summary>
    public string Family { get; init; }

    /// <summary>Other names users may type for this model (e.g. <c>seedance-2-0-fast</c>, as AI/ML API's Seedance guide spells it).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = Array.Empty<string>();

    /// <summary>What the model does with -Image, by name (None, FirstFrame, References, FirstFrameOrReferences), so
    /// ConvertTo-Json and filters read the same word the help uses.</summary>
    public string ImageUse => ImageHandling.ToString();

    internal ImageUse ImageHandling { get; init; }

    public int MinImages { get; init; }

    public int MaxImages { get; init; }

    public bool PromptRequired { get; init; } = true;

    public IReadOnlyList<int> Durations { get; init; } = Array.Empty<int>();

    public int DefaultDuration { get; init; }

    /// <summary>Resolutions the user may choose; empty when the model has a fixed output.</summary>
    public IReadOnlyList<string> Resolutions { get; init; } = Array.Empty<string>();

    /// <summary>The resolution produced when none is chosen (also what the price table assumes).</summary>
    public string DefaultResolution { get; init; } = "720p";

    /// <summary>Resolutions allowed when the images are references; empty when they are the same as <see cref="Resolutions"/>.</summary>
    public IReadOnlyList<string> ReferenceImageResolutions { get; init; } = Array.Empty<string>();

    /// <summary>Aspect ratios the user may choose; empty when the output follows the input image.</summary>
    public IReadOnlyList<string> AspectRatios { get; init; } = Array.Empty<string>();

    /// <summary>The optional parameters the model takes, by name (e.g. LastImage, GenerateAudio, Seed).</summary>
    public IReadOnlyList<string> Options => Enum.GetValues(typeof(ModelOptions)).Cast<ModelOptions>()
        .Where(option => option != ModelOptions.None && Supports(option))
        .Select(option => option.ToString())
        .ToArray();

    internal ModelOptions OptionFlags { get; init; }

    /// <summary>
    /// Fields the provider has that this model refuses, by wire name, with the reason: -ExtraField values for them are
    /// refused before anything is sent (e.g. Ark's service_tier on Seedance 2.0, which has no offline inference).
    /// </summary>
    public IReadOnlyDictionary<string, string> FieldsRefused { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Whether the model holds to times written in a prompt ("0-3s: ..."). Seedance 2.0 does not (timestamps are
    /// unstable there, by ByteDance's 2.0 prompt guide, and shots are told apart by their labels); 2.5 does.
    /// </summary>
    public bool FollowsPromptTimes { get; init; }

    /// <summary>US dollars per second of video, by resolution.</summary>
    public IReadOnlyDictionary<string, decimal> PricePerSecond { get; init; } = new Dictionary<string, decimal>();

    /// <summary>Where <see cref="PricePerSecond"/> comes from (a provider's page, a token price and formula); null when no price is published.</summary>
    public string? PriceSource
    {
        get => PricePerSecond.Count == 0 ? null : _priceSource;
        init => _priceSource = value;
    }

    private readonly string? _priceSource;

    /// <summary>The rate when a reference video is an input, where the provider publishes one; null otherwise.</summary>
    public Pricing.VideoInputPrice? PriceWithReferenceVideo { get; init; }

    /// <summary>
    /// The smallest seed the model takes: ByteDance's documented range (Ark's) is -1, meaning a random seed, to
    /// 2^32 - 1. Every provider here resells ByteDance's model, which reads the seed, so that range holds unless a
    /// provider documents another.
    /// </summary>
    public long MinSeed { get; init; } = -1;

    /// <summary>The largest seed the model takes (see <see cref="MinSeed"/>).</summary>
    public long MaxSeed { get; init; } = uint.MaxValue;

    /// <summary>The reference videos and audio the model takes, with the limits local clips are checked against; null when it takes none.</summary>
    public ReferenceMediaLimits? ReferenceMedia { get; init; }

    /// <summary>The reference videos and audio the model takes, e.g. "3 videos, 3 audio; each 2-15 s, 15 s in all"; null when it takes none.</summary>
    public string? References => ReferenceMedia?.ToString();

    /// <summary>How many reference videos (-ReferenceVideo) the model takes; 0 when it takes none.</summary>
    public int MaxReferenceVideos => ReferenceMedia?.MaxVideos ?? 0;

    /// <summary>How many reference audio clips (-ReferenceAudio) the model takes; 0 when it takes none.</summary>
    public int MaxReferenceAudios => ReferenceMedia?.MaxAudios ?? 0;

    /// <summary>The length each reference clip may have and all together, e.g. "each 2-15 s, 15 s in all"; null when the model takes none.</summary>
    public string? ReferenceClipSeconds => ReferenceMedia is { } limits ? $"each {limits.MinClipSeconds}-{limits.MaxClipSeconds} s, {limits.MaxTotalSeconds} s in all" : null;

    /// <summary>The pixel sizes the model takes for input images; null where the provider documents no limit.</summary>
    public ImagePixelLimits? ImagePixels { get; init; }

    /// <summary>Largest local image sent inline, in bytes.</summary>
    public long MaxImageBytes { get; init; } = 10 * 1024 * 1024;

    /// <summary>How long a typical 5 s generation takes; the first guess before this session has measured any.</summary>
    public TimeSpan TypicalGenerationTime { get; init; } = TimeSpan.FromSeconds(60);

    public bool Supports(ModelOptions option) => (OptionFlags & option) == option;

    /// <summary>
    /// Whether <paramref name="imageCount"/> images given to this model are references rather than a first frame: so
    /// are several, and any the user gave as references or with reference videos or audio (ByteDance's multimodal
    /// reference task, which takes no first frame).
    /// </summary>
    public bool TakesAsReferences(int imageCount, bool referencesAsked = false) =>
        ImageHandling == Seedance.Providers.ImageUse.References
        || (ImageHandling == Seedance.Providers.ImageUse.FirstFrameOrReferences && (imageCount > 1 || referencesAsked));

    /// <summary>Whether the model can take images as references at all.</summary>
    public bool TakesReferenceImages => ImageHandling is Seedance.Providers.ImageUse.References or Seedance.Providers.ImageUse.FirstFrameOrReferences;

    public bool IsKnownAs(string name) =>
        string.Equals(Id, name, StringComparison.OrdinalIgnoreCase)
        || Aliases.Any(alias => string.Equals(alias, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Price per second at <paramref name="resolution"/>, or null when the provider publishes none.</summary>
    public decimal? PriceAt(string resolution) =>
        PricePerSecond.TryGetValue(resolution, out var price) ? price : null;

    public override string ToString() => $"{Provider}/{Id}";
}
