using System.Collections.Concurrent;
using Seedance.Emulator.Media;

namespace Seedance.Emulator.Files;

/// <summary>
/// Each distinct video rendered once and its bytes reused, as a provider's CDN serves a stored file: rendering the
/// key frames costs far more than sending the bytes, and a batch downloads the same video for many tasks of one
/// request (and again on every resumed or retried download). Bounded: videos larger than
/// <see cref="LargestKept"/> are streamed as they are rendered, and past <see cref="ByteBudget"/> the oldest go.
/// </summary>
internal sealed class RenderedVideos
{
    public const long LargestKept = 16L * 1024 * 1024;

    public const long ByteBudget = 128L * 1024 * 1024;

    private readonly ConcurrentDictionary<string, Lazy<byte[]>> _kept = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Key, long Length)> _oldestFirst = new();
    private long _keptBytes;

    /// <summary>The video that <paramref name="key"/> names, planned by <paramref name="prepare"/> when it is not kept.</summary>
    public RenderedVideo Get(string key, Func<SyntheticVideoFile> prepare)
    {
        if (_kept.TryGetValue(key, out var kept))
        {
            return new RenderedVideo(kept.Value);
        }

        var file = prepare();
        if (file.Length > LargestKept)
        {
            return new RenderedVideo(file);
        }

        // Requests that arrive together for a new video wait for one rendering rather than each making their own.
        var rendering = new Lazy<byte[]>(() => Render(file), LazyThreadSafetyMode.ExecutionAndPublication);
        var winner = _kept.GetOrAdd(key, rendering);
        if (ReferenceEquals(winner, rendering))
        {
            _oldestFirst.Enqueue((key, file.Length));
            Interlocked.Add(ref _keptBytes, file.Length);
            ForgetOldest();
        }

        return new RenderedVideo(winner.Value);
    }

    private void ForgetOldest()
    {
        while (Interlocked.Read(ref _keptBytes) > ByteBudget && _oldestFirst.TryDequeue(out var oldest))
        {
            _kept.TryRemove(oldest.Key, out _);
            Interlocked.Add(ref _keptBytes, -oldest.Length);
        }
    }

    private static byte[] Render(SyntheticVideoFile file)
    {
        using var bytes = new MemoryStream(checked((int)file.Length));
        file.WriteTo(bytes);
        return bytes.ToArray();
    }
}
