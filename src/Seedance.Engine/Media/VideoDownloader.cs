using System.Buffers;
using System.Net;
using System.Runtime.CompilerServices;
using Polly;
using Seedance.Http;

namespace Seedance.Media;

/// <summary>
/// Saves a finished task's video without ever leaving a bad file at the final path: it streams into
/// <c>name.partial</c> with a fixed-size buffer, resumes with Range (and If-Range) after a dropped connection
/// when the partial file is this task's (<see cref="PartialDownload"/>), asks the provider for a fresh URL when
/// the old one has expired, checks the length and the MP4 structure, and only then renames the file into place.
/// </summary>
public sealed class VideoDownloader
{
    private const int BufferSize = 128 * 1024;
    private const int MaxUrlRefreshes = 3;

    private readonly SeedanceHttp _http;
    private readonly ResiliencePipeline _attempts;

    public VideoDownloader(SeedanceHttp http)
    {
        _http = http;
        _attempts = DownloadRetries.For(http.Settings);
    }

    /// <param name="task">A succeeded task.</param>
    /// <param name="targetPath">The final file path.</param>
    /// <param name="overwrite">Replace an existing file (-Force).</param>
    /// <param name="refresh">Asks the provider for a fresh snapshot (and URL) of the task.</param>
    /// <param name="progress">Receives bytes written so far.</param>
    public async Task<VideoFile> DownloadAsync(VideoTask task, string targetPath, bool overwrite, Func<CancellationToken, Task<VideoTask>> refresh, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        if (File.Exists(targetPath) && !overwrite)
        {
            throw new SeedanceException(SeedanceErrorCategory.FileSystem, ErrorIds.FileExists,
                $"'{targetPath}' already exists; the video of task {task.Id} was not downloaded. Use -Force to replace it, or choose another -Path.")
            { TaskId = task.Id, ParameterName = "Path", RecommendedAction = "Use -Force to replace the file, or choose another -Path." };
        }

        Directory.CreateDirectory(Path.GetDirectoryName(targetPath)!);
        var partialPath = targetPath + ".partial";
        var current = task;
        var refreshes = 0;
        // What the partial file holds the start of: read from disk once (a download an earlier run gave up on), then
        // kept here across attempts, and written beside the file only if this run gives up too.
        var record = new StrongBox<PartialDownload?>(PartialDownload.Resumable(task, partialPath));
        try
        {
            await _attempts.ExecuteAsync(async token =>
            {
                if (current.VideoUrl is null || current.Lifecycle != TaskState.Succeeded)
                {
                    current = await refresh(token).ConfigureAwait(false);
                    RequireVideo(current);
                }

                var outcome = await AttemptAsync(current, partialPath, record, progress, token).ConfigureAwait(false);
                if (outcome == AttemptOutcome.UrlExpired)
                {
                    if (++refreshes > MaxUrlRefreshes)
                    {
                        throw new SeedanceException(SeedanceErrorCategory.NotFound, ErrorIds.VideoUrlExpired,
                            $"{task.Provider} no longer serves the video of task {task.Id}, even at a fresh URL ({task.Provider} keeps outputs {RetentionHint(task)}). It cannot be downloaded any more.")
                        { TaskId = task.Id, Provider = task.Provider };
                    }

                    SeedanceLog.Verbose($"The video URL of task {task.Id} has expired; asking {task.Provider} for a new one.");
                    current = await refresh(token).ConfigureAwait(false);
                    RequireVideo(current);
                    throw new DownloadRetryableException("The video URL expired.", TimeSpan.Zero);
                }
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped by the user: remove the partial file so nothing half-written lingers.
            PartialDownload.Discard(partialPath);
            throw;
        }
        catch (Exception ex) when (ex is DownloadRetryableException or HttpRequestException or IOException)
        {
            var next = KeepForResuming(record.Value, partialPath)
                ? $"The partial file '{partialPath}' is kept; Save-SeedanceVideo resumes it."
                : "Save-SeedanceVideo downloads it again from the start.";
            throw new SeedanceException(SeedanceErrorCategory.Network, ErrorIds.DownloadFailed,
                $"The video of task {task.Id} could not be downloaded: {ex.Message} {next}", ex)
            { TaskId = task.Id, Provider = task.Provider };
        }

        var info = Mp4Inspector.Inspect(partialPath);
        if (!info.IsValid)
        {
            PartialDownload.Discard(partialPath);
            throw new SeedanceException(SeedanceErrorCategory.Server, ErrorIds.DownloadCorrupt,
                $"The video of task {task.Id} arrived damaged ({string.Join("; ", info.Problems)}); it was not saved. Run Save-SeedanceVideo again to download it anew.")
            { TaskId = task.Id, Provider = task.Provider };
        }

        FilePlacement.MoveIntoPlace(partialPath, targetPath, overwrite);
        PartialDownload.Forget(partialPath);
        var video = info.Tracks.FirstOrDefault(track => track.HandlerType == "vide");
        var saved = new VideoFile(targetPath, current)
        {
            Length = info.FileLength,
            DurationSeconds = info.DurationSeconds,
            Width = video?.Width ?? 0,
            Height = video?.Height ?? 0,
            FramesPerSecond = video?.FramesPerSecond ?? 0,
            HasAudio = info.Tracks.Any(track => track.HandlerType == "soun"),
        };
        SeedanceLog.Verbose($"Saved the video of task {task.Id} to '{targetPath}': {saved.Length / 1048576.0:0.0} MB, a verified MP4 of {saved.Width}x{saved.Height}, {saved.DurationSeconds:0.0} s{(saved.HasAudio ? ", with audio" : string.Empty)}.");
        return saved;
    }

    /// <summary>
    /// Writes the record of a partial file this run leaves behind, so the next Save-SeedanceVideo resumes it. Only
    /// then: a download that finishes (nearly all of them) creates no second file, and a partial file a crash left
    /// without its record is started over, never trusted.
    /// </summary>
    /// <returns>Whether the next download can resume: there is a partial file and its record was written.</returns>
    private static bool KeepForResuming(PartialDownload? record, string partialPath)
    {
        if (record is null || !File.Exists(partialPath))
        {
            return false;
        }

        try
        {
            record.Save(partialPath);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            SeedanceLog.Verbose($"The record of '{partialPath}' could not be written ({ex.Message}); the next download starts it over.");
            return false;
        }
    }

    private async Task<AttemptOutcome> AttemptAsync(VideoTask task, string partialPath, StrongBox<PartialDownload?> record, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var resumable = record.Value is not null && File.Exists(partialPath) ? record.Value : null;
        var offset = resumable is null ? 0 : new FileInfo(partialPath).Length;
        using var response = await _http.GetForDownloadAsync(task.VideoUrl!, offset, resumable?.ResumeCondition, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        if (status is 403 or 404 or 410)
        {
            return AttemptOutcome.UrlExpired;
        }

        if (status == 416)
        {
            // Asked for bytes past the end: either the partial file is complete, or it is not this video.
            if (response.Content.Headers.ContentRange?.Length is { } whole && whole == offset && (resumable?.Length ?? whole) == whole)
            {
                return AttemptOutcome.Complete;
            }

            PartialDownload.Discard(partialPath);
            record.Value = null;
            throw new DownloadRetryableException("The partial file did not match the video; starting over.", TimeSpan.Zero);
        }

        if (status is 408 or 429 || status >= 500)
        {
            throw new DownloadRetryableException($"The video server answered HTTP {status}.", response.Headers.RetryAfter?.Delta);
        }

        if (status is not (200 or 206))
        {
            throw new SeedanceException(SeedanceErrorCategory.Server, ErrorIds.DownloadRefused, $"The video server answered HTTP {status} {response.ReasonPhrase}.");
        }

        var range = response.Content.Headers.ContentRange;
        if (status == 206 && (offset == 0 || range?.From != offset || (resumable?.Length is { } length && range?.Length != length)))
        {
            // Bytes from elsewhere in the file, or of a file of another length: not the rest of what is on disk.
            PartialDownload.Discard(partialPath);
            record.Value = null;
            throw new DownloadRetryableException("The video server did not send the rest of the partial file; starting over.", TimeSpan.Zero);
        }

        var resuming = status == 206;
        long? total = resuming ? range?.Length : response.Content.Headers.ContentLength;
        if (!resuming)
        {
            // A fresh start (the server may also have answered If-Range with the whole, changed file): what the
            // partial file will hold, known before the first byte of it is written.
            record.Value = PartialDownload.Of(task, response);
        }

        using (var file = OpenPartial(partialPath, resuming))
        using (var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false))
        {
            await CopyWithStallTimeoutAsync(body, file, resuming ? offset : 0, progress, cancellationToken).ConfigureAwait(false);
        }

        var written = new FileInfo(partialPath).Length;
        if (total is { } expected && written != expected)
        {
            throw new DownloadRetryableException($"The connection ended after {written:N0} of {expected:N0} bytes.");
        }

        return AttemptOutcome.Complete;
    }

    /// <summary>
    /// The partial file, to append to or to fill from its start. Only a file that has bytes is truncated: on ext4 a
    /// file truncated to nothing is flushed to disk as it closes (auto_da_alloc), so truncating every fresh file (as
    /// FileMode.Create does) made each download's close start its own writeback.
    /// </summary>
    private static FileStream OpenPartial(string partialPath, bool resuming)
    {
        // No buffer of the file's own (1 turns it off): every write is already a whole buffer from the copy below.
        var file = new FileStream(partialPath, resuming ? FileMode.Append : FileMode.OpenOrCreate, FileAccess.Write, FileShare.None, bufferSize: 1, useAsync: true);
        try
        {
            if (!resuming && file.Length > 0)
            {
                file.SetLength(0);
            }

            return file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    private async Task CopyWithStallTimeoutAsync(Stream source, Stream destination, long alreadyWritten, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        // Rented, not allocated: a buffer this large lives on the large-object heap, which a batch of thousands of
        // downloads would otherwise grow with every file until a full collection.
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            await CopyAsync(source, destination, buffer, alreadyWritten, progress, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task CopyAsync(Stream source, Stream destination, byte[] buffer, long alreadyWritten, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var written = alreadyWritten;
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        while (true)
        {
            stall.CancelAfter(_http.Settings.DownloadStallTimeout);
            int read;
            try
            {
                read = await source.ReadAsync(buffer, 0, buffer.Length, stall.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new DownloadRetryableException($"No data arrived for {_http.Settings.DownloadStallTimeout.TotalSeconds:0} s.");
            }

            if (read == 0)
            {
                return;
            }

            await destination.WriteAsync(buffer, 0, read, cancellationToken).ConfigureAwait(false);
            written += read;
            progress?.Report(written);
        }
    }

    private static void RequireVideo(VideoTask task)
    {
        if (task.Lifecycle != TaskState.Succeeded || task.VideoUrl is null)
        {
            throw new SeedanceException(SeedanceErrorCategory.NotFound, ErrorIds.NoVideo,
                $"Task {task.Id} has no video to save: it {StateInWords(task.Lifecycle)}{(task.Error is null ? "." : $" ({task.Error.TrimEnd('.', ' ')}).")}")
            { TaskId = task.Id, Provider = task.Provider };
        }
    }

    private static string StateInWords(TaskState state) => state switch
    {
        TaskState.Queued => "is still queued",
        TaskState.Running => "is still running",
        TaskState.Cancelled => "was cancelled",
        TaskState.Expired => "expired",
        _ => "failed",
    };

    private static string RetentionHint(VideoTask task) => Providers.ProviderCatalog.Find(task.Provider)?.Info.OutputRetention ?? "for a limited time";

    private enum AttemptOutcome
    {
        Complete,
        UrlExpired,
    }
}
