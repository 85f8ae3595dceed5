using Polly;
using Seedance.Http;

namespace Seedance.Media;

/// <summary>
/// Saves the last-frame PNG a provider returned with a video (Ark's <c>last_frame_url</c>) beside the video, as
/// <c>name.last-frame.png</c>: downloaded whole into a partial file, checked to be a whole PNG, then renamed into
/// place, so a cut download never takes the name the next clip of a chain starts from.
/// </summary>
public sealed class LastFrameDownloader
{
    /// <summary>A 1080p frame as PNG is a few MB; anything far larger is not a frame.</summary>
    private const long MaxBytes = 64L * 1024 * 1024;

    private const string Suffix = ".last-frame.png";

    private readonly SeedanceHttp _http;
    private readonly ResiliencePipeline _attempts;

    public LastFrameDownloader(SeedanceHttp http)
    {
        _http = http;
        _attempts = DownloadRetries.For(http.Settings);
    }

    /// <summary>Where the last frame of the video at <paramref name="videoPath"/> is kept: name.last-frame.png beside it.</summary>
    public static string PathBeside(string videoPath) =>
        Path.Combine(Path.GetDirectoryName(videoPath) ?? string.Empty, Path.GetFileNameWithoutExtension(videoPath) + Suffix);

    /// <summary>Downloads <paramref name="task"/>'s last frame beside <paramref name="videoPath"/> and returns its path.</summary>
    public async Task<string> DownloadAsync(VideoTask task, string videoPath, CancellationToken cancellationToken)
    {
        var target = PathBeside(videoPath);
        var partial = target + ".partial";
        try
        {
            var bytes = await _attempts.ExecuteAsync(token => FetchAsync(task.LastFrameUrl!, token), cancellationToken).ConfigureAwait(false);
            var image = ImageStructure.Read(bytes);
            if (image.MediaType != "image/png" || image.CutOffBefore is not null || image.Damage is not null)
            {
                throw new SeedanceException(SeedanceErrorCategory.Server, ErrorIds.DownloadCorrupt,
                    $"The last frame of task {task.Id} is not a whole PNG ({image.CutOffBefore ?? image.Damage ?? "another format"}); it was not saved.")
                { TaskId = task.Id, Provider = task.Provider };
            }

            File.WriteAllBytes(partial, bytes);
            // It belongs to the video just saved, so it replaces the frame of whatever video had that name before.
            FilePlacement.MoveIntoPlace(partial, target, overwrite: true);
            return target;
        }
        catch (Exception ex) when (ex is DownloadRetryableException or HttpRequestException or IOException)
        {
            TryDelete(partial);
            throw new SeedanceException(SeedanceErrorCategory.Network, ErrorIds.DownloadFailed,
                $"The last frame of task {task.Id} could not be downloaded: {ex.Message}", ex)
            { TaskId = task.Id, Provider = task.Provider };
        }
    }

    private async ValueTask<byte[]> FetchAsync(Uri url, CancellationToken cancellationToken)
    {
        using var response = await _http.GetForDownloadAsync(url, 0, null, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        if (status is 408 or 429 || status >= 500)
        {
            throw new DownloadRetryableException($"The image server answered HTTP {status}.", response.Headers.RetryAfter?.Delta);
        }

        if (status != 200)
        {
            throw new SeedanceException(SeedanceErrorCategory.NotFound, ErrorIds.DownloadRefused, $"The image server answered HTTP {status} {response.ReasonPhrase} for the last frame.");
        }

        if (response.Content.Headers.ContentLength > MaxBytes)
        {
            throw new SeedanceException(SeedanceErrorCategory.Server, ErrorIds.DownloadCorrupt, $"The last frame is {response.Content.Headers.ContentLength:N0} bytes, too large for a video frame; it was not saved.");
        }

        var bytes = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        if (response.Content.Headers.ContentLength is { } expected && bytes.Length != expected)
        {
            throw new DownloadRetryableException($"The connection ended after {bytes.Length:N0} of {expected:N0} bytes.");
        }

        return bytes;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a partial file never takes the final name.
        }
    }
}
