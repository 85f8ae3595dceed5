using Seedance.Http;
using Seedance.Providers;
using Seedance.Requests;

namespace Seedance.Media;

/// <summary>
/// Decides how each local image travels: inline as a data: URI where the provider accepts that and the image
/// is within its inline limit, otherwise through the provider's upload endpoint. URLs pass through.
/// </summary>
public static class ImageDelivery
{
    /// <summary>True when <paramref name="image"/> can go inline to <paramref name="provider"/>.</summary>
    public static bool TravelsInline(ProviderInfo provider, PreparedImage image) =>
        !image.IsInlineData || (provider.InlineImageLimitBytes is { } limit && image.Length <= limit);

    /// <summary>The request with every image that must be uploaded replaced by its uploaded URL.</summary>
    public static async Task<PreparedRequest> DeliverAsync(IVideoProvider provider, ProviderContext context, PreparedRequest request, CancellationToken cancellationToken)
    {
        if (request.Images.All(image => TravelsInline(provider.Info, image)) && (request.LastImage is null || TravelsInline(provider.Info, request.LastImage)))
        {
            return request;
        }

        var uploader = (IImageUploader)provider;
        var images = new List<PreparedImage>();
        foreach (var image in request.Images)
        {
            images.Add(await DeliverAsync(provider.Info, uploader, context, image, cancellationToken).ConfigureAwait(false));
        }

        var lastImage = request.LastImage is null ? null : await DeliverAsync(provider.Info, uploader, context, request.LastImage, cancellationToken).ConfigureAwait(false);
        return request with { Images = images, LastImage = lastImage };
    }

    private static async Task<PreparedImage> DeliverAsync(ProviderInfo provider, IImageUploader uploader, ProviderContext context, PreparedImage image, CancellationToken cancellationToken)
    {
        if (TravelsInline(provider, image))
        {
            return image;
        }

        var url = await uploader.UploadAsync(context, image, cancellationToken).ConfigureAwait(false);
        SeedanceLog.Verbose($"Uploaded {image.FileName} ({image.Length:N0} bytes) to {provider.Name}.");
        return image.UploadedTo(url);
    }
}
