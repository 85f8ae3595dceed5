using System.Globalization;
using Seedance.Http;
using Seedance.Media;
using Seedance.Providers;

namespace Seedance.Requests;

/// <summary>
/// The reference videos and audio of a request, checked against the model and readied for the wire: URLs as given,
/// local files read and checked by their content (format, length, size, picture) before anything is sent.
/// </summary>
internal static class ReferenceMediaPreparer
{
    public const string AssetScheme = "asset";

    /// <summary>What is sent, and the input video seconds an estimate counts (null without a reference video).</summary>
    public sealed record Prepared(IReadOnlyList<PreparedClip> Videos, IReadOnlyList<PreparedClip> Audios, double? VideoSeconds);

    private static readonly Prepared None = new(Array.Empty<PreparedClip>(), Array.Empty<PreparedClip>(), null);

    public static Prepared Prepare(IVideoProvider provider, ModelInfo model, VideoRequest request)
    {
        var videos = request.ReferenceVideos;
        var audios = request.ReferenceAudios;
        if (videos.Count == 0 && audios.Count == 0)
        {
            return None;
        }

        var parameter = videos.Count > 0 ? Video.Parameter : Audio.Parameter;
        if (model.ReferenceMedia is not { } limits)
        {
            throw Invalid(ErrorIds.ReferenceMediaNotSupported, parameter, $"-{parameter} is not offered by {model.Provider} model {model.Id}. Models that take reference videos and audio: {ProviderCatalog.ModelsThat(other => other.ReferenceMedia is not null)}.");
        }

        CheckCount(model, videos.Count, limits.MaxVideos, Video, ErrorIds.TooManyReferenceVideos);
        CheckCount(model, audios.Count, limits.MaxAudios, Audio, ErrorIds.TooManyReferenceAudios);

        // ByteDance generates from audio only alongside a picture: an image or a reference video.
        if (audios.Count > 0 && videos.Count == 0 && request.Images.Count == 0)
        {
            throw Invalid(ErrorIds.ReferenceAudioWithoutVisual, Audio.Parameter, $"-ReferenceAudio needs an image or a video too: {model.Provider} model {model.Id} does not make a video from audio alone. Give -Image or -ReferenceVideo as well.");
        }

        var preparedVideos = videos.Select(video => Clip(provider, model, limits, video, Video)).ToList();
        var preparedAudios = audios.Select(audio => Clip(provider, model, limits, audio, Audio)).ToList();
        CheckTotal(model, limits, preparedVideos, Video);
        CheckTotal(model, limits, preparedAudios, Audio);

        // A URL's length is not known here: the estimate then counts the most the clips may last together.
        double? videoSeconds = preparedVideos.Count == 0 ? null
            : preparedVideos.All(clip => clip.DurationSeconds is not null) ? preparedVideos.Sum(clip => clip.DurationSeconds!.Value)
            : limits.MaxTotalSeconds;
        return new Prepared(preparedVideos, preparedAudios, videoSeconds);
    }

    private static readonly ClipKind Video = new("ReferenceVideo", "video", "reference video", "an MP4 or MOV video", "MP4 or MOV");
    private static readonly ClipKind Audio = new("ReferenceAudio", "audio", "reference audio clip", "MP3 or WAV audio", "MP3 or WAV");

    /// <summary>The words and parameter of one kind of reference clip.</summary>
    private sealed record ClipKind(string Parameter, string Word, string Noun, string Description, string Formats)
    {
        public bool IsVideo => Word == "video";
    }

    private static void CheckCount(ModelInfo model, int count, int max, ClipKind kind, string errorId)
    {
        if (count > max)
        {
            throw Invalid(errorId, kind.Parameter, $"-{kind.Parameter} has {ModelSelector.Plural(count, kind.Noun)}; {model.Provider} model {model.Id} takes at most {max}. Give at most {max}.");
        }
    }

    private static PreparedClip Clip(IVideoProvider provider, ModelInfo model, ReferenceMediaLimits limits, MediaInput input, ClipKind kind)
    {
        var ids = provider.Info.TakesAssetIds ? " or an asset:// id" : string.Empty;
        if (input.LocalPath is { } path)
        {
            if (provider is not IFileUploader && !InputDelivery.TakesLocalClipInline(provider.Info, kind.IsVideo))
            {
                throw Invalid(ErrorIds.ReferenceMediaFileNotSent, kind.Parameter, $"-{kind.Parameter} '{path}' is a file on this machine; {provider.Info.Name} takes reference {kind.Word} only as an https URL{ids}, not as a file's bytes, and has no upload endpoint. Host the clip and pass its https URL{ids}.");
            }

            return LocalClip(model, limits, path, kind);
        }

        var uri = input.Uri!;
        if (provider.Info.TakesAssetIds && uri.Scheme == AssetScheme)
        {
            return PreparedClip.FromRemote(uri.OriginalString, uri);
        }

        if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
        {
            throw Invalid(ErrorIds.ReferenceMediaUrlNotSupported, kind.Parameter, $"-{kind.Parameter} '{uri.Scheme}://{uri.Host}{uri.AbsolutePath}' is not an https URL{ids}, which is how {provider.Info.Name} takes reference {kind.Word}. Pass an https URL{ids}, or a local file.");
        }

        UriPolicy.RequireSafe(uri, "-" + kind.Parameter, ErrorIds.ReferenceMediaUrlNotSupported);
        return PreparedClip.FromRemote(uri.OriginalString, uri);
    }

    /// <summary>A local clip, read once and checked by what its bytes are, not by its name.</summary>
    private static PreparedClip LocalClip(ModelInfo model, ReferenceMediaLimits limits, string path, ClipKind kind)
    {
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw Invalid(ErrorIds.ReferenceMediaFileNotFound, kind.Parameter, $"-{kind.Parameter} '{path}' does not exist. Check the path, or give an https URL.");
        }

        var maxBytes = kind.IsVideo ? limits.MaxVideoBytes : limits.MaxAudioBytes;
        if (file.Length > maxBytes)
        {
            throw Invalid(ErrorIds.ReferenceMediaTooLarge, kind.Parameter, $"-{kind.Parameter} '{path}' is {Megabytes(file.Length)} MB; {model.Provider} model {model.Id} takes {kind.Noun}s of at most {Megabytes(maxBytes)} MB. Shorten it or encode it smaller.");
        }

        var content = File.ReadAllBytes(path);
        var structure = Read(content, kind, out var problem);
        if (structure is null)
        {
            var other = Read(content, kind.IsVideo ? Audio : Video, out _);
            var hint = other is null ? $"Give {kind.Formats} (other formats convert with: ffmpeg -i {Path.GetFileName(path)} out.{(kind.IsVideo ? "mp4" : "mp3")})."
                : $"It is {other.Format} {(other.IsVideo ? "video" : "audio")}: give it to -{(other.IsVideo ? Video : Audio).Parameter}.";
            throw Invalid(kind.IsVideo ? ErrorIds.ReferenceMediaNotVideo : ErrorIds.ReferenceMediaNotAudio, kind.Parameter, $"-{kind.Parameter} '{path}' is not {kind.Description}: {problem}. {hint}");
        }

        if (structure.DurationSeconds < limits.MinClipSeconds || structure.DurationSeconds > limits.MaxClipSeconds)
        {
            throw Invalid(ErrorIds.ReferenceClipLengthOutOfRange, kind.Parameter, $"-{kind.Parameter} '{path}' lasts {Seconds(structure.DurationSeconds)} s; {model.Provider} model {model.Id} takes reference clips of {limits.MinClipSeconds} to {limits.MaxClipSeconds} s. Trim it (ffmpeg -i {Path.GetFileName(path)} -t {limits.MaxClipSeconds} -c copy trimmed{Path.GetExtension(path)}) or give a longer one.");
        }

        if (structure.IsVideo)
        {
            CheckPicture(model, limits, path, structure);
        }

        return PreparedClip.FromFile(path, structure, content);
    }

    private static ClipStructure? Read(byte[] content, ClipKind kind, out string? problem)
    {
        if (!kind.IsVideo)
        {
            return AudioClipReader.Read(content, out problem);
        }

        using var stream = new MemoryStream(content, writable: false);
        return VideoClipReader.Read(stream, out problem);
    }

    private static void CheckPicture(ModelInfo model, ReferenceMediaLimits limits, string path, ClipStructure video)
    {
        long pixels = (long)video.Width * video.Height;
        if (pixels < limits.MinVideoPixels || pixels > limits.MaxVideoPixels)
        {
            throw Invalid(ErrorIds.ReferenceVideoSizeOutOfRange, Video.Parameter, $"-ReferenceVideo '{path}' is {video.Width}x{video.Height} ({pixels:N0} pixels a frame); {model.Provider} model {model.Id} takes {limits.MinVideoPixels:N0} to {limits.MaxVideoPixels:N0} pixels a frame (640x640 up to about 1920x1080). Scale it (ffmpeg -i {Path.GetFileName(path)} -vf scale=1280:-2 scaled.mp4).");
        }

        if (video.FramesPerSecond < limits.MinFramesPerSecond || video.FramesPerSecond > limits.MaxFramesPerSecond)
        {
            throw Invalid(ErrorIds.ReferenceVideoFrameRateOutOfRange, Video.Parameter, $"-ReferenceVideo '{path}' runs at {video.FramesPerSecond:0.##} frames a second; {model.Provider} model {model.Id} takes {limits.MinFramesPerSecond} to {limits.MaxFramesPerSecond}. Re-encode it (ffmpeg -i {Path.GetFileName(path)} -r 30 out.mp4).");
        }
    }

    /// <summary>The clips' known lengths together; a URL's length is not known before the provider fetches it.</summary>
    private static void CheckTotal(ModelInfo model, ReferenceMediaLimits limits, IReadOnlyList<PreparedClip> clips, ClipKind kind)
    {
        var total = clips.Sum(clip => clip.DurationSeconds ?? 0);
        if (total > limits.MaxTotalSeconds)
        {
            throw Invalid(ErrorIds.ReferenceClipsTooLong, kind.Parameter, $"-{kind.Parameter} clips last {Seconds(total)} s together; {model.Provider} model {model.Id} takes {limits.MaxTotalSeconds} s of reference {kind.Word} in all. Trim them or give fewer.");
        }
    }

    private static string Megabytes(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0.#", CultureInfo.InvariantCulture);

    private static string Seconds(double seconds) => seconds.ToString("0.#", CultureInfo.InvariantCulture);

    private static SeedanceException Invalid(string errorId, string parameter, string message) =>
        new(SeedanceErrorCategory.Validation, errorId, message) { ParameterName = parameter };
}
