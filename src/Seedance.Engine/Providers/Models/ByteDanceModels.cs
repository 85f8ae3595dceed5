namespace Seedance.Providers.Models;

/// <summary>
/// What ByteDance documents for the Seedance model every provider here resells (Ark is ByteDance's own API): the
/// limits a provider passes on unless its own documentation says otherwise. Each provider's catalogue starts from
/// this and states only where it differs.
/// </summary>
internal static class ByteDanceModels
{
    /// <summary>
    /// ByteDance's reference media on 2.0 (Ark's create-task reference): up to 3 videos and 3 audio clips, each 2 to 15 s
    /// and 15 s in all; a video at most 50 MB, 409,600 to 2,086,876 pixels a frame, 24 to 60 frames a second. Audio is
    /// held to fal's published 15 MB a clip, the only audio size limit a reseller of the model states.
    /// </summary>
    public static ReferenceMediaLimits ReferenceMedia { get; } = new(MaxVideos: 3, MaxAudios: 3, MinClipSeconds: 2, MaxClipSeconds: 15, MaxTotalSeconds: 15)
    {
        MaxVideoBytes = 50L * 1024 * 1024,
        MaxAudioBytes = 15L * 1024 * 1024,
        MinVideoPixels = 409_600,
        MaxVideoPixels = 2_086_876,
        MinFramesPerSecond = 24,
        MaxFramesPerSecond = 60,
    };

    /// <summary>
    /// Seedance 2.0 Fast: text, a first frame (+ last frame) or up to 9 reference images; 4 to 15 s, 5 by default;
    /// 480p or 720p; native audio and a seed; reference videos and audio. It also answers to the short names users give it (seedance-2-0-fast).
    /// </summary>
    public static ModelInfo Seedance20Fast(string provider, string id) => new(provider, id, "Seedance 2.0 Fast")
    {
        Aliases = new[] { "seedance-2-0-fast", "seedance-2.0-fast" },
        ImageHandling = ImageUse.FirstFrameOrReferences,
        MinImages = 0,
        MaxImages = 9,
        Durations = Seconds.Between(4, 15),
        DefaultDuration = 5,
        Resolutions = new[] { "480p", "720p" },
        DefaultResolution = "720p",
        OptionFlags = ModelOptions.LastImage | ModelOptions.GenerateAudio | ModelOptions.Seed,
        ReferenceMedia = ReferenceMedia,
        TypicalGenerationTime = TimeSpan.FromSeconds(35),
    };
}
