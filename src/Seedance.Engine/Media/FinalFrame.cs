namespace Seedance.Media;

/// <summary>
/// A saved video's final frame as a PNG beside it (name.last-frame.png): the frame the provider returned when Save
/// kept one and the video has not been replaced since, otherwise the last decoded frame, taken with ffmpeg.
/// </summary>
public static class FinalFrame
{
    /// <summary>The path of the final frame of <paramref name="videoPath"/>, a checked MP4; <paramref name="parameter"/>, when the user gave the video, names it in errors.</summary>
    public static async Task<string> OfVideoAsync(string videoPath, string? parameter, CancellationToken cancellationToken)
    {
        var beside = LastFrameDownloader.PathBeside(videoPath);
        if (File.Exists(beside) && File.GetLastWriteTimeUtc(beside) >= File.GetLastWriteTimeUtc(videoPath))
        {
            return beside;
        }

        var ffmpeg = Ffmpeg.Find() ?? throw new SeedanceException(SeedanceErrorCategory.Validation, ErrorIds.FfmpegNotFound,
            $"{(parameter is null ? "" : $"-{parameter} ")}'{videoPath}' needs the video's final frame, and taking it needs ffmpeg, which is not on PATH. {Ffmpeg.InstallHint}, or continue from an Ark task made with -ReturnLastFrame, whose last frame Ark returns.")
        { ParameterName = parameter, RecommendedAction = Ffmpeg.InstallHint + "." };

        var partial = beside + ".partial";
        try
        {
            // From a second before the end, each decoded frame overwrites the image, so the one left is the last.
            await ffmpeg.RunAsync(new[] { "-nostdin", "-hide_banner", "-v", "error", "-y", "-sseof", "-1", "-i", videoPath, "-an", "-f", "image2", "-c:v", "png", "-update", "1", partial },
                $"taking the final frame of '{videoPath}'", cancellationToken).ConfigureAwait(false);
            var frame = File.Exists(partial) ? ImageStructure.Read(File.ReadAllBytes(partial)) : null;
            if (frame?.MediaType != "image/png" || frame.CutOffBefore is not null || frame.Damage is not null)
            {
                throw new SeedanceException(SeedanceErrorCategory.FileSystem, ErrorIds.FfmpegFailed, $"ffmpeg wrote no whole PNG for the final frame of '{videoPath}'.");
            }

            FilePlacement.MoveIntoPlace(partial, beside, overwrite: true);
            return beside;
        }
        finally
        {
            if (File.Exists(partial))
            {
                File.Delete(partial);
            }
        }
    }
}
