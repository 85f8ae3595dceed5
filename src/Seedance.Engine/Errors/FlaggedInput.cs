namespace Seedance;

/// <summary>
/// Which input a moderation refusal is about, read from what the provider said: Ark names it in its error code
/// (<c>InputImageSensitiveContentDetected.PrivacyInformation</c>, <c>AudioSensitiveContentDetected.PolicyViolation</c>),
/// fal in the field an error is located at (<c>image_url</c>), the others in their message's words. Users asked for
/// the flagged input to be named so they know what to change, since a refusal is final and resending it the same
/// way is refused again.
/// </summary>
public static class FlaggedInput
{
    /// <summary>The values, for a refusal of something the model made rather than something the user gave.</summary>
    public const string GeneratedVideo = nameof(GeneratedVideo);

    public const string GeneratedAudio = nameof(GeneratedAudio);

    /// <summary>
    /// The words each input is known by, tried in this order: the more specific first, so <c>end_image_url</c> is
    /// the last frame before <c>image_url</c> is an image, and <c>InputAudio…</c> is the user's audio before
    /// <c>AudioSensitive…</c> is the generated one.
    /// </summary>
    private static readonly (string Input, string[] Words)[] Vocabulary =
    {
        ("LastImage", new[] { "InputLastImage", "last_image", "end_image", "last_frame", "tail_image" }),
        ("ReferenceVideo", new[] { "InputVideo", "input video", "video_url", "reference_video" }),
        ("ReferenceAudio", new[] { "InputAudio", "input audio", "audio_url", "reference_audio" }),
        ("Image", new[] { "InputImage", "input image", "image_url", "reference_image", "first_frame" }),
        ("Prompt", new[] { "InputText", "input text", "prompt" }),
        (GeneratedAudio, new[] { "OutputAudio", "AudioSensitiveContentDetected", "output audio", "generated audio" }),
        (GeneratedVideo, new[] { "OutputVideo", "OutputImage", "output video", "generated video", "nsfw" }),
    };

    /// <summary>
    /// The input a refusal names — a parameter (Image, LastImage, Prompt, ReferenceVideo, ReferenceAudio) or
    /// <see cref="GeneratedVideo"/>/<see cref="GeneratedAudio"/> — or null when the provider does not say.
    /// </summary>
    public static string? Of(string? providerCode, string? message)
    {
        var said = providerCode + " " + message;
        return Vocabulary.FirstOrDefault(entry => Providers.WireJson.Mentions(said, entry.Words)).Input;
    }

    /// <summary>Whether <paramref name="flagged"/> is something the user gave, named by its parameter.</summary>
    public static bool IsParameter(string? flagged) => flagged is not null and not GeneratedVideo and not GeneratedAudio;

    /// <summary>The flagged input in a sentence: "the generated audio", "-Image".</summary>
    public static string Words(string flagged) => flagged switch
    {
        GeneratedVideo => "the generated video",
        GeneratedAudio => "the generated audio",
        _ => "-" + flagged,
    };

    /// <summary>
    /// The sentence a refusal ends with: what was flagged and what to do, e.g. "Flagged: -Image. Moderation refusals
    /// are final, so it was not retried: change -Image and submit again."
    /// </summary>
    public static string Advice(string? flagged)
    {
        var what = flagged is null ? "the provider did not say which input" : Words(flagged);
        var change = flagged switch
        {
            null or GeneratedVideo => "change -Prompt or the images",
            GeneratedAudio => "change -Prompt, or leave the audio out with -GenerateAudio:$false",
            _ => "change -" + flagged,
        };
        return $" Flagged: {what}. Moderation refusals are final, so it was not retried: {change} and submit again.";
    }
}
