using Seedance.Media;

namespace Seedance.Providers;

/// <summary>
/// A provider that can take local images through its own upload endpoint, for images it does not accept
/// inline (or larger than it accepts inline). Uploading costs nothing, so it happens at submit time, after
/// validation and never under -WhatIf.
/// </summary>
public interface IImageUploader
{
    /// <summary>Uploads a local image and returns the URL the provider will read it from.</summary>
    Task<Uri> UploadAsync(ProviderContext context, PreparedImage image, CancellationToken cancellationToken);
}
