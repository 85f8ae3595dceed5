using System.Globalization;
using System.Text;

namespace Seedance.Media;

/// <summary>
/// Joins saved clips into one MP4 with ffmpeg's concat demuxer and stream copy: no re-encoding, so no loss and no
/// wait. That needs streams of one shape (size, frame rate, audio or not), which clips of one chain have; clips of
/// other shapes are refused with what differs rather than joined into a file that plays wrongly.
/// </summary>
public static class ClipJoiner
{
    /// <summary>Why <paramref name="clips"/> cannot be joined by stream copy, or null when they can.</summary>
    public static string? WhyNotJoinable(IReadOnlyList<VideoFile> clips)
    {
        var first = clips[0];
        foreach (var clip in clips.Skip(1))
        {
            if (clip.Width != first.Width || clip.Height != first.Height)
            {
                return $"'{clip.Name}' is {clip.Width}x{clip.Height} and '{first.Name}' {first.Width}x{first.Height}";
            }

            if (Math.Abs(clip.FramesPerSecond - first.FramesPerSecond) > 0.01)
            {
                return $"'{clip.Name}' runs at {clip.FramesPerSecond:0.##} fps and '{first.Name}' at {first.FramesPerSecond:0.##} fps";
            }

            if (clip.HasAudio != first.HasAudio)
            {
                return $"'{(clip.HasAudio ? clip : first).Name}' has audio and '{(clip.HasAudio ? first : clip).Name}' has none";
            }
        }

        return null;
    }

    /// <summary>Writes <paramref name="clips"/>, in order, to <paramref name="targetPath"/> and returns what the joined file holds.</summary>
    public static async Task<Mp4Info> JoinAsync(Ffmpeg ffmpeg, IReadOnlyList<VideoFile> clips, string targetPath, bool overwrite, CancellationToken cancellationToken)
    {
        if (WhyNotJoinable(clips) is { } reason)
        {
            throw new SeedanceException(SeedanceErrorCategory.Validation, ErrorIds.ClipsNotJoinable, $"The clips cannot be joined without re-encoding: {reason}. They are saved as they are.");
        }

        if (File.Exists(targetPath) && !overwrite)
        {
            throw new SeedanceException(SeedanceErrorCategory.FileSystem, ErrorIds.FileExists, $"'{targetPath}' already exists; the clips were not joined into it. Use -Force to replace it.") { ParameterName = "Path" };
        }

        var list = Path.GetTempFileName();
        var partial = targetPath + ".partial";
        try
        {
            File.WriteAllText(list, ConcatList(clips), new UTF8Encoding(false));
            await ffmpeg.RunAsync(new[] { "-nostdin", "-hide_banner", "-v", "error", "-y", "-f", "concat", "-safe", "0", "-i", list, "-map", "0", "-c", "copy", "-movflags", "+faststart", "-f", "mp4", partial },
                $"joining {clips.Count} clips into '{targetPath}'", cancellationToken).ConfigureAwait(false);
            var joined = Mp4Inspector.Inspect(partial);
            if (!joined.IsValid)
            {
                throw new SeedanceException(SeedanceErrorCategory.FileSystem, ErrorIds.FfmpegFailed, $"ffmpeg joined the clips into a damaged file ({string.Join("; ", joined.Problems)}); it was not kept.");
            }

            FilePlacement.MoveIntoPlace(partial, targetPath, overwrite);
            return joined;
        }
        finally
        {
            File.Delete(list);
            if (File.Exists(partial))
            {
                File.Delete(partial);
            }
        }
    }

    /// <summary>The concat demuxer's list: one "file '…'" line a clip, a quote inside a path written as '\''.</summary>
    private static string ConcatList(IEnumerable<VideoFile> clips) =>
        string.Concat(clips.Select(clip => string.Format(CultureInfo.InvariantCulture, "file '{0}'\n", clip.Path.Replace("'", "'\\''"))));
}
