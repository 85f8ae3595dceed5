using Seedance.Http;
using Seedance.Providers;
using Seedance.Requests;

namespace Seedance.Media;

/// <summary>
/// Decides how each local input travels: an image inline as a data: URI where the provider accepts that and the image
/// is within its inline limit, a reference clip inline only where the provider takes its kind as base64 (Ark's
/// audio); everything else through the provider's upload endpoint. URLs pass through.
/// </summary>
public static class InputDelivery
{
    /// <summary>True when <paramref name="image"/> can go inline to <paramref name="provider"/>.</summary>
    public static bool TravelsInline(ProviderInfo provider, PreparedImage image) =>
        !image.IsInlineData || (provider.InlineImageLimitBytes is { } limit && image.Length <= limit);

    /// <summary>True when <paramref name="clip"/> needs no upload to reach <paramref name="provider"/>.</summary>
    public static bool TravelsInline(ProviderInfo provider, PreparedClip clip) =>
        !clip.IsLocal || (clip.Structure is { } structure && TakesLocalClipInline(provider, structure.IsVideo));

    /// <summary>True when <paramref name="provider"/> takes a local clip of this kind inline, as base64 (Ark's audio).</summary>
    public static bool TakesLocalClipInline(ProviderInfo provider, bool isVideo) => provider.TakesInlineAudio && !isVideo;

    /// <summary>The request with every input that must be uploaded replaced by its uploaded URL.</summary>
    public static async Task<PreparedRequest> DeliverAsync(IVideoProvider provider, ProviderContext context, PreparedRequest request, CancellationToken cancellationToken)
    {
        var info = provider.Info;
        if (request.Images.All(image => TravelsInline(info, image)) && (request.LastImage is null || TravelsInline(info, request.LastImage))
            && request.ReferenceVideos.Concat(request.ReferenceAudios).All(clip => TravelsInline(info, clip)))
        {
            return request;
        }

        var uploader = (IFileUploader)provider;
        var images = new List<PreparedImage>();
        foreach (var image in request.Images)
        {
            images.Add(TravelsInline(info, image) ? image : image.UploadedTo(await UploadAsync(info, uploader, context, image, cancellationToken).ConfigureAwait(false)));
        }

        var lastImage = request.LastImage is not { } last || TravelsInline(info, last) ? request.LastImage
            : last.UploadedTo(await UploadAsync(info, uploader, context, last, cancellationToken).ConfigureAwait(false));
        return request with
        {
            Images = images,
            LastImage = lastImage,
            ReferenceVideos = await DeliverAsync(info, uploader, context, request.ReferenceVideos, cancellationToken).ConfigureAwait(false),
            ReferenceAudios = await DeliverAsync(info, uploader, context, request.ReferenceAudios, cancellationToken).ConfigureAwait(false),
        };
    }

    private static async Task<IReadOnlyList<PreparedClip>> DeliverAsync(ProviderInfo provider, IFileUploader uploader, ProviderContext context, IReadOnlyList<PreparedClip> clips, CancellationToken cancellationToken)
    {
        var delivered = new List<PreparedClip>();
        foreach (var clip in clips)
        {
            delivered.Add(TravelsInline(provider, clip) ? clip : clip.UploadedTo(await UploadAsync(provider, uploader, context, clip, cancellationToken).ConfigureAwait(false)));
        }

        return delivered;
    }

    private static async Task<Uri> UploadAsync(ProviderInfo provider, IFileUploader uploader, ProviderContext context, ILocalFile file, CancellationToken cancellationToken)
    {
        var url = await uploader.UploadAsync(context, file, cancellationToken).ConfigureAwait(false);
        SeedanceLog.Verbose($"Uploaded {file.FileName} ({file.Content?.LongLength:N0} bytes) to {provider.Name}.");
        return url;
    }
}
