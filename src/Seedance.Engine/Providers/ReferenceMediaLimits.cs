namespace Seedance.Providers;

/// <summary>
/// The reference videos and audio a model takes: how many of each, and how long each clip and all clips together may
/// be; for local clips also how large a file and (video) how many pixels per frame and frames per second. A model
/// without these limits takes no reference media.
/// </summary>
public sealed record ReferenceMediaLimits(int MaxVideos, int MaxAudios, int MinClipSeconds, int MaxClipSeconds, int MaxTotalSeconds)
{
    public long MaxVideoBytes { get; init; }

    public long MaxAudioBytes { get; init; }

    public int MinVideoPixels { get; init; }

    public int MaxVideoPixels { get; init; }

    public int MinFramesPerSecond { get; init; }

    public int MaxFramesPerSecond { get; init; }

    /// <summary>As Get-SeedanceModel shows it, e.g. "3 videos, 3 audio; each 2-15 s, 15 s in all".</summary>
    public override string ToString() =>
        $"{MaxVideos} videos, {MaxAudios} audio; each {MinClipSeconds}-{MaxClipSeconds} s, {MaxTotalSeconds} s in all";
}
