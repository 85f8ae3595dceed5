using Seedance.Connections;
using Seedance.Http;
using Seedance.Media;
using Seedance.Requests;

namespace Seedance.Storyboards;

/// <summary>
/// Makes a planned storyboard: each clip submitted, waited for and saved in turn, the next one started from its last
/// frame (the provider's image, or the saved clip's final frame), and the clips joined by stream copy when ffmpeg is
/// there. Clips are made one after another because each needs the one before; every clip is journalled and saved
/// like any other task, so a failure half way loses nothing already made.
/// </summary>
public static class StoryboardRun
{
    /// <param name="clipStarted">Told the clip's number (from 1) as it is submitted, for progress.</param>
    public static async Task<Storyboard> RunAsync(SeedanceConnection connection, StoryboardPlan plan, TimeSpan clipTimeout, bool overwrite, Action<int>? clipStarted, CancellationToken cancellationToken)
    {
        var saved = new List<VideoFile>();
        ImageInput? nextFirstFrame = null;
        for (var index = 0; index < plan.Clips.Count; index++)
        {
            var clip = plan.Clips[index];
            if (nextFirstFrame is not null)
            {
                clip.Images.Add(nextFirstFrame);
            }

            clipStarted?.Invoke(index + 1);
            var file = await MakeClipAsync(connection, clip, plan.ClipPaths[index], clipTimeout, overwrite, Describe(index, plan, saved), cancellationToken).ConfigureAwait(false);
            saved.Add(file);
            if (index < plan.Clips.Count - 1)
            {
                // The provider's own last-frame URL, where it gave one, is sent as it is: nothing to upload again.
                nextFirstFrame = file.Task.LastFrameUrl is { } url ? ImageInput.FromUri(url)
                    : ImageInput.FromFile(await FinalFrame.OfVideoAsync(file.Path, null, cancellationToken).ConfigureAwait(false));
            }
        }

        return await JoinAsync(saved, plan, overwrite, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<VideoFile> MakeClipAsync(SeedanceConnection connection, VideoRequest clip, string path, TimeSpan timeout, bool overwrite, string which, CancellationToken cancellationToken)
    {
        var task = await connection.SubmitAsync(connection.Prepare(clip), cancellationToken).ConfigureAwait(false);
        SeedanceLog.Verbose($"Submitted {which} as task {task.Id}.");
        var finished = await connection.WaitAsync(task, timeout, cancellationToken).ConfigureAwait(false);
        if (finished.Lifecycle != TaskState.Succeeded)
        {
            throw new SeedanceException(finished.FailureKind ?? SeedanceErrorCategory.Server, ErrorIds.StoryboardClipFailed,
                $"{Capitalised(which)} (task {finished.Id}) ended {finished.State.ToLowerInvariant()}{(finished.Error is null ? "" : $": {finished.Error.TrimEnd('.', ' ')}")}. The storyboard stops there; the clips before it are saved.")
            { TaskId = finished.Id, Provider = finished.Provider, FlaggedInput = finished.FlaggedInput };
        }

        return await connection.SaveAsync(finished, path, overwrite, null, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Storyboard> JoinAsync(IReadOnlyList<VideoFile> clips, StoryboardPlan plan, bool overwrite, CancellationToken cancellationToken)
    {
        var together = clips.Sum(clip => clip.DurationSeconds);
        if (clips.Count < 2)
        {
            return new Storyboard(clips, null) { DurationSeconds = together, EstimatedCost = plan.EstimatedCost };
        }

        var ffmpeg = Ffmpeg.Find();
        if (ffmpeg is null)
        {
            SeedanceLog.Warning($"The {clips.Count} clips are saved but not joined: joining them needs ffmpeg, which is not on PATH. {Ffmpeg.InstallHint}.");
            return new Storyboard(clips, null) { DurationSeconds = together, EstimatedCost = plan.EstimatedCost };
        }

        if (ClipJoiner.WhyNotJoinable(clips) is { } reason)
        {
            SeedanceLog.Warning($"The {clips.Count} clips are saved but not joined: {reason}, and joining them would mean re-encoding.");
            return new Storyboard(clips, null) { DurationSeconds = together, EstimatedCost = plan.EstimatedCost };
        }

        var joined = await ClipJoiner.JoinAsync(ffmpeg, clips, plan.JoinedPath, overwrite, cancellationToken).ConfigureAwait(false);
        SeedanceLog.Verbose($"Joined {clips.Count} clips into '{plan.JoinedPath}' by stream copy: {joined.DurationSeconds:0.0} s.");
        return new Storyboard(clips, plan.JoinedPath) { DurationSeconds = joined.DurationSeconds, EstimatedCost = plan.EstimatedCost };
    }

    /// <summary>"clip 2 of 3", with the clips saved so far, for messages.</summary>
    private static string Describe(int index, StoryboardPlan plan, IReadOnlyList<VideoFile> saved) =>
        $"clip {index + 1} of {plan.Clips.Count}{(saved.Count == 0 ? "" : $" (after {string.Join(", ", saved.Select(clip => clip.Name))})")}";

    private static string Capitalised(string text) => char.ToUpperInvariant(text[0]) + text.Substring(1);
}
