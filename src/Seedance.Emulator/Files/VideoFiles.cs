using System.Globalization;
using System.Net;
using Seedance.Emulator.Media;
using Seedance.Emulator.Tasks;

namespace Seedance.Emulator.Files;

/// <summary>
/// Serves each finished task's video at <c>/files/{id}.mp4</c>: a real H.264 MP4 that shows the request (see
/// <see cref="TaskVideo"/>), rendered once per distinct request (see <see cref="RenderedVideos"/>), with Content-Length, an ETag, Last-Modified,
/// and byte ranges (honouring If-Range) like a CDN.
/// </summary>
public sealed class VideoFiles
{
    private readonly EmulatedTaskStore _store;
    private readonly UploadedFiles _uploads;
    private readonly EmulatorOptions _options;
    private readonly RenderedVideos _rendered = new();
    private long _bytesServed;

    public VideoFiles(EmulatedTaskStore store, UploadedFiles uploads, EmulatorOptions options)
    {
        _store = store;
        _uploads = uploads;
        _options = options;
    }

    public long BytesServed => Interlocked.Read(ref _bytesServed);

    /// <summary>The video's URL; with <paramref name="expires"/>, an X-Expires parameter like a signed storage URL.</summary>
    public static Uri UrlFor(Uri root, EmulatedTask task, DateTimeOffset? expires = null) =>
        new(root, $"files/{Uri.EscapeDataString(task.Id)}.mp4" + (expires is { } at ? $"?X-Expires={at.ToUnixTimeSeconds()}" : string.Empty));

    public SyntheticVideoSpec SpecFor(EmulatedTask task)
    {
        var spec = TaskVideo.SpecFor(task.Spec, seed: 0, _uploads.ContentOf);
        spec.KeyframeIntervalSeconds = _options.KeyframeIntervalSeconds;
        spec.PadToBytes = _options.OutputBytes;

        // Seeded by what the video shows, not by the task: the same request makes the same video (as a model given
        // one seed does), which is then rendered once; different requests still look different.
        spec.Seed = StableHash(KeyOf(spec));
        return spec;
    }

    /// <summary>The video's last frame as a PNG the size of the video, for providers that return it.</summary>
    public byte[] LastFramePng(EmulatedTask task)
    {
        using var png = new MemoryStream();
        SyntheticVideo.Prepare(SpecFor(task)).WriteLastFramePng(png);
        return png.ToArray();
    }

    /// <summary>
    /// Answers GET or HEAD for <paramref name="id"/>; 404 unless the task succeeded. With
    /// <paramref name="truncate"/>, half of the promised bytes are sent and the connection is cut.
    /// </summary>
    public void Serve(HttpListenerContext context, string id, bool truncate = false)
    {
        var response = context.Response;
        var task = _store.Peek(id);
        if (task is null || task.State != EmulatedTaskState.Succeeded)
        {
            response.StatusCode = 404;
            response.Close();
            return;
        }

        if (long.TryParse(context.Request.QueryString["X-Expires"], out var expires) && DateTimeOffset.UtcNow.ToUnixTimeSeconds() > expires)
        {
            var refusal = System.Text.Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>");
            response.StatusCode = _options.ExpiredUrlStatus;
            response.ContentType = "application/xml";
            response.ContentLength64 = refusal.Length;
            response.OutputStream.Write(refusal, 0, refusal.Length);
            response.Close();
            return;
        }

        var spec = SpecFor(task);
        var video = _rendered.Get(KeyOf(spec), () => SyntheticVideo.Prepare(spec));
        var length = video.Length;
        var etag = $"\"{StableHash(task.Id):x8}-{length:x}\"";
        var lastModified = (task.CompletedAt ?? task.CreatedAt).ToString("R", CultureInfo.InvariantCulture);

        // If-Range: the rest of the file only if the client's copy is of this very file; otherwise all of it.
        var ifRange = context.Request.Headers["If-Range"];
        var rangeHeader = ifRange is null || ifRange == etag || ifRange == lastModified ? context.Request.Headers["Range"] : null;
        var (from, count, satisfiable) = RangeOf(rangeHeader, length);
        response.ContentType = "video/mp4";
        response.Headers["Accept-Ranges"] = "bytes";
        response.Headers["ETag"] = etag;
        response.Headers["Last-Modified"] = lastModified;
        if (!satisfiable)
        {
            response.StatusCode = 416;
            response.Headers["Content-Range"] = $"bytes */{length}";
            response.Close();
            return;
        }

        if (count != length)
        {
            response.StatusCode = 206;
            response.Headers["Content-Range"] = $"bytes {from}-{from + count - 1}/{length}";
        }

        response.ContentLength64 = count;
        if (context.Request.HttpMethod != "HEAD")
        {
            var sent = truncate ? count / 2 : count;
            video.WriteTo(response.OutputStream, from, sent);
            Interlocked.Add(ref _bytesServed, sent);
            if (truncate)
            {
                response.OutputStream.Flush();
                response.Abort();
                return;
            }
        }

        response.Close();
    }

    /// <summary>The byte window a Range header asks for: "bytes=a-" or "bytes=a-b"; the whole file otherwise.</summary>
    private static (long From, long Count, bool Satisfiable) RangeOf(string? header, long length)
    {
        if (header is null || !header.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase) || header.Contains(","))
        {
            return (0, length, true);
        }

        var bounds = header.Substring(6).Split('-');
        if (bounds.Length != 2 || !long.TryParse(bounds[0], out var from))
        {
            return (0, length, true);
        }

        if (from >= length)
        {
            return (0, 0, false);
        }

        var to = long.TryParse(bounds[1], out var last) ? Math.Min(last, length - 1) : length - 1;
        return (from, to - from + 1, to >= from);
    }

    /// <summary>Everything that shapes a video, digested: its images can be megabytes.</summary>
    private static string KeyOf(SyntheticVideoSpec spec)
    {
        using var sha = System.Security.Cryptography.SHA256.Create();
        var described = string.Join("\n", new object?[]
        {
            spec.Width, spec.Height, spec.FramesPerSecond, spec.DurationSeconds, spec.Seed, spec.IncludeAudio, spec.KeyframeIntervalSeconds, spec.PadToBytes,
        }.Concat(spec.Shots.SelectMany(shot => new object?[]
        {
            shot.Caption, shot.Camera, shot.Image is { } image ? Convert.ToBase64String(sha.ComputeHash(image)) : "no image",
        })).Select(part => Convert.ToString(part, CultureInfo.InvariantCulture)));
        return Convert.ToBase64String(sha.ComputeHash(System.Text.Encoding.UTF8.GetBytes(described)));
    }

    private static int StableHash(string text)
    {
        unchecked
        {
            var hash = 17;
            foreach (var character in text)
            {
                hash = (hash * 31) + character;
            }

            return hash & 0x7FFFFFFF;
        }
    }
}
