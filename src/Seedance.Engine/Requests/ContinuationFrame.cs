using Seedance.Media;

namespace Seedance.Requests;

/// <summary>
/// The first frame of a clip that continues another (-ContinueFrom): the previous clip's last frame, from the task
/// (the provider's own last-frame image, Ark's -ReturnLastFrame) or from the saved video.
/// </summary>
public static class ContinuationFrame
{
    private const string Parameter = "ContinueFrom";

    /// <summary>The last frame of a finished task, as the provider returned it.</summary>
    public static ImageInput OfTask(VideoTask task)
    {
        if (!task.IsFinal)
        {
            throw Invalid(ErrorIds.ContinueFromNotFinished, $"-ContinueFrom task {task.Id} is still {task.State.ToLowerInvariant()}: its last frame exists once it has finished. Pipe it through Wait-SeedanceTask first.");
        }

        if (task.Lifecycle != TaskState.Succeeded)
        {
            throw Invalid(ErrorIds.ContinueFromNoVideo, $"-ContinueFrom task {task.Id} ended {task.State.ToLowerInvariant()}: it made no video to continue from.");
        }

        return task.LastFrameUrl is { } url ? ImageInput.FromUri(url)
            : throw Invalid(ErrorIds.ContinueFromNoLastFrame, $"-ContinueFrom task {task.Id} has no last-frame image: a provider returns one only when asked with -ReturnLastFrame, which Ark offers. Save the video (Save-SeedanceVideo) and give the saved file to -ContinueFrom: its final frame is taken with ffmpeg.");
    }

    /// <summary>The final frame of a saved video (see <see cref="FinalFrame"/>).</summary>
    public static async Task<ImageInput> OfVideoAsync(string videoPath, CancellationToken cancellationToken)
    {
        if (!File.Exists(videoPath))
        {
            throw Invalid(ErrorIds.ContinueFromNotFound, $"-ContinueFrom '{videoPath}' does not exist. Give a video Save-SeedanceVideo saved, or a finished task.");
        }

        var video = Mp4Inspector.Inspect(videoPath);
        if (!video.IsValid)
        {
            throw Invalid(ErrorIds.ContinueFromNotVideo, $"-ContinueFrom '{videoPath}' is not a whole MP4 video ({string.Join("; ", video.Problems)}). Give a video Save-SeedanceVideo saved, or a finished task.");
        }

        return ImageInput.FromFile(await FinalFrame.OfVideoAsync(videoPath, Parameter, cancellationToken).ConfigureAwait(false));
    }

    private static SeedanceException Invalid(string errorId, string message) =>
        new(SeedanceErrorCategory.Validation, errorId, message) { ParameterName = Parameter };
}
