using Seedance.Http;
using Seedance.Providers;

namespace Seedance.Requests;

/// <summary>The reference videos and audio of a request, checked against the model and readied for the wire.</summary>
internal static class ReferenceMediaPreparer
{
    public const string AssetScheme = "asset";

    /// <summary>What is sent, and the input video seconds an estimate counts (null without a reference video).</summary>
    public sealed record Prepared(IReadOnlyList<string> Videos, IReadOnlyList<string> Audios, double? VideoSeconds);

    private static readonly Prepared None = new(Array.Empty<string>(), Array.Empty<string>(), null);

    public static Prepared Prepare(ProviderInfo provider, ModelInfo model, VideoRequest request)
    {
        var videos = request.ReferenceVideos;
        var audios = request.ReferenceAudios;
        if (videos.Count == 0 && audios.Count == 0)
        {
            return None;
        }

        var parameter = videos.Count > 0 ? "ReferenceVideo" : "ReferenceAudio";
        if (model.ReferenceMedia is not { } limits)
        {
            throw Invalid(ErrorIds.ReferenceMediaNotSupported, parameter, $"-{parameter} is not offered by {model.Provider} model {model.Id}. Models that take reference videos and audio: {ProviderCatalog.ModelsThat(other => other.ReferenceMedia is not null)}.");
        }

        CheckCount(model, videos.Count, limits.MaxVideos, "ReferenceVideo", "reference video", ErrorIds.TooManyReferenceVideos);
        CheckCount(model, audios.Count, limits.MaxAudios, "ReferenceAudio", "reference audio clip", ErrorIds.TooManyReferenceAudios);

        // ByteDance generates from audio only alongside a picture: an image or a reference video.
        if (audios.Count > 0 && videos.Count == 0 && request.Images.Count == 0)
        {
            throw Invalid(ErrorIds.ReferenceAudioWithoutVisual, "ReferenceAudio", $"-ReferenceAudio needs an image or a video too: {model.Provider} model {model.Id} does not make a video from audio alone. Give -Image or -ReferenceVideo as well.");
        }

        // A URL's length is not known here: the estimate counts the most the clips may last together.
        return new Prepared(
            videos.Select(video => WireValue(provider, video, "ReferenceVideo", "video")).ToList(),
            audios.Select(audio => WireValue(provider, audio, "ReferenceAudio", "audio")).ToList(),
            videos.Count > 0 ? limits.MaxTotalSeconds : null);
    }

    private static void CheckCount(ModelInfo model, int count, int max, string parameter, string noun, string errorId)
    {
        if (count > max)
        {
            throw Invalid(errorId, parameter, $"-{parameter} has {ModelSelector.Plural(count, noun)}; {model.Provider} model {model.Id} takes at most {max}. Give at most {max}.");
        }
    }

    private static string WireValue(ProviderInfo provider, MediaInput input, string parameter, string kind)
    {
        var ids = provider.TakesAssetIds ? " or an asset:// id" : string.Empty;
        if (input.LocalPath is { } path)
        {
            throw Invalid(ErrorIds.ReferenceMediaFileNotSent, parameter, $"-{parameter} '{path}' is a file on this machine; {provider.Name} is sent reference {kind} only as an https URL{ids}, and this module does not upload {kind} files. Host the clip and pass its https URL{ids}.");
        }

        var uri = input.Uri!;
        if (provider.TakesAssetIds && uri.Scheme == AssetScheme)
        {
            return uri.OriginalString;
        }

        if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
        {
            throw Invalid(ErrorIds.ReferenceMediaUrlNotSupported, parameter, $"-{parameter} '{uri.Scheme}://{uri.Host}{uri.AbsolutePath}' is not an https URL{ids}, which is how {provider.Name} takes reference {kind}. Pass an https URL{ids}.");
        }

        UriPolicy.RequireSafe(uri, "-" + parameter, ErrorIds.ReferenceMediaUrlNotSupported);
        return uri.OriginalString;
    }

    private static SeedanceException Invalid(string errorId, string parameter, string message) =>
        new(SeedanceErrorCategory.Validation, errorId, message) { ParameterName = parameter };
}
