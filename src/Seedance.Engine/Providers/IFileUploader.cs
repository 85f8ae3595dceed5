using Seedance.Media;

namespace Seedance.Providers;

/// <summary>
/// A provider that can take local files (images, reference clips) through its own upload endpoint, for files it
/// does not accept inline (or larger than it accepts inline). Uploading costs nothing, so it happens at submit time,
/// after validation and never under -WhatIf.
/// </summary>
public interface IFileUploader
{
    /// <summary>Uploads a local file and returns the URL the provider will read it from.</summary>
    Task<Uri> UploadAsync(ProviderContext context, ILocalFile file, CancellationToken cancellationToken);
}
