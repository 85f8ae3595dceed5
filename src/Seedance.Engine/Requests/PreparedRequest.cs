using Seedance.Media;
using Seedance.Providers;

namespace Seedance.Requests;

/// <summary>
/// A request that passed validation for one model, with defaults applied, the prompt composed, the images
/// ready for the wire and the cost estimated. Providers only map it; they never need to check it.
/// </summary>
public sealed record PreparedRequest
{
    public PreparedRequest(VideoRequest source, ModelInfo model)
    {
        Source = source;
        Model = model;
    }

    public VideoRequest Source { get; }

    public ModelInfo Model { get; }

    /// <summary>The prompt with any shots composed into it; null when the user gave none.</summary>
    public string? Prompt { get; init; }

    public IReadOnlyList<PreparedImage> Images { get; init; } = new List<PreparedImage>();

    public PreparedImage? LastImage { get; init; }

    /// <summary>The reference videos, in order: URLs or asset ids, or checked local clips (uploaded before the submit).</summary>
    public IReadOnlyList<PreparedClip> ReferenceVideos { get; init; } = new List<PreparedClip>();

    /// <summary>The reference audio, in order: URLs or asset ids, or checked local clips (inline or uploaded).</summary>
    public IReadOnlyList<PreparedClip> ReferenceAudios { get; init; } = new List<PreparedClip>();

    /// <summary>True when any reference video or audio goes with the request.</summary>
    public bool HasReferenceMedia => ReferenceVideos.Count + ReferenceAudios.Count > 0;

    /// <summary>Whether the images are sent as references rather than as a first frame (see <see cref="ModelInfo.TakesAsReferences"/>).</summary>
    public bool ImagesAreReferences => Model.TakesAsReferences(Images.Count, ImagesGivenAsReferences || HasReferenceMedia);

    /// <summary>Whether the user gave the images as references (-ReferenceImage).</summary>
    public bool ImagesGivenAsReferences { get; init; }

    /// <summary>
    /// The duration in seconds, the model's default when the user chose none; when the model chooses the length
    /// (<c>-Duration -1</c>), the longest it may choose, which is what estimates and -MaxCost count.
    /// </summary>
    public int DurationSeconds { get; init; }

    /// <summary>True for <c>-Duration -1</c>: the model chooses the length, up to <see cref="DurationSeconds"/>.</summary>
    public bool ModelChoosesDuration { get; init; }

    /// <summary>The duration as ByteDance's API spells it: the seconds, or -1 when the model chooses.</summary>
    public int WireDuration => ModelChoosesDuration ? AutoDurationValue : DurationSeconds;

    /// <summary>The -Duration value (and Ark's duration) that lets the model choose the length.</summary>
    public const int AutoDurationValue = -1;

    /// <summary>The resolution the user chose, or null to send none.</summary>
    public string? Resolution { get; init; }

    /// <summary>The resolution the video will have (chosen or default): used for pricing and display.</summary>
    public string EffectiveResolution { get; init; } = "720p";

    public string? AspectRatio { get; init; }

    public decimal? EstimatedCost { get; init; }

    /// <summary>
    /// The reference videos' seconds in all, which the estimate counts where the provider bills them; null when no
    /// reference video is sent.
    /// </summary>
    public double? ReferenceVideoSeconds { get; init; }

    /// <summary>-ExtraField values as JSON text by field name, checked to set nothing the module sets itself.</summary>
    public IReadOnlyDictionary<string, string> ExtraFields { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// A reference of this submit's own, sent where the provider stores one and lists it (Ark's safety_identifier),
    /// so its task can be found again if the answer is lost; null elsewhere.
    /// </summary>
    public string? ClientReference { get; init; }

    /// <summary>Things worth telling the user that do not stop the request.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = new List<string>();

    /// <summary>
    /// One line for -WhatIf and verbose output, e.g. "5 s 720p video from 1 image, est. $0.80", naming any
    /// -ExtraField values too, so that what is shown is everything that is sent.
    /// </summary>
    public string Summary
    {
        get
        {
            var images = Images.Count switch
            {
                0 => "from text",
                1 => "from 1 image",
                _ => $"from {Images.Count} images",
            };
            var references = !HasReferenceMedia ? string.Empty
                : $" with {ReferenceVideos.Count} reference video(s) and {ReferenceAudios.Count} audio" + (ReferenceVideoSeconds is not { } seconds || ReferenceVideos.Count == 0 ? string.Empty
                    : ReferenceVideos.All(clip => clip.DurationSeconds is not null) ? $" ({seconds:0.#} s of input video)"
                    : $" (priced as {seconds:0.#} s of input video, the most a URL of unknown length may be)");
            var cost = EstimatedCost is { } value ? $", est. ${value:0.00}" : ", price not published";
            var extra = ExtraFields.Count == 0 ? string.Empty : "; -ExtraField " + string.Join(", ", ExtraFields.Select(field => $"{field.Key}={Shorten(field.Value)}"));
            var length = ModelChoosesDuration ? $"up to {DurationSeconds} s (the model chooses)" : $"{DurationSeconds} s";
            return $"{length} {EffectiveResolution} video {images}{references} on {Model.Provider} ({Model.Id}){cost}{extra}";
        }
    }

    /// <summary>A long value cut to fit one line; the request carries it whole.</summary>
    private static string Shorten(string json) => json.Length <= 40 ? json : json.Substring(0, 39) + "…";
}
