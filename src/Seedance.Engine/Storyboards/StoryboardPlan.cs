using Seedance.Connections;
using Seedance.Media;
using Seedance.Pricing;
using Seedance.Providers;
using Seedance.Requests;

namespace Seedance.Storyboards;

/// <summary>
/// Everything about a storyboard that can be known before the first clip is paid for: every clip's request checked
/// (each later clip as if its first frame were already there), the clips priced together and held to -MaxCost, every
/// target free, and ffmpeg present where the chain needs it. A storyboard that would fail half way for one of these
/// reasons fails here instead, having spent nothing.
/// </summary>
public sealed class StoryboardPlan
{
    /// <summary>Stands in for a later clip's first frame while it is checked; never sent.</summary>
    private static readonly ImageInput FrameToCome = ImageInput.FromUri(new Uri("https://last-frame.invalid/frame.png"));

    private StoryboardPlan(IReadOnlyList<VideoRequest> clips, IReadOnlyList<PreparedRequest> prepared, IReadOnlyList<string> clipPaths, string joinedPath)
    {
        Clips = clips;
        Prepared = prepared;
        ClipPaths = clipPaths;
        JoinedPath = joinedPath;
    }

    /// <summary>The clips' requests in story order; every later one gets its first frame when the clip before it is saved.</summary>
    public IReadOnlyList<VideoRequest> Clips { get; }

    /// <summary>The requests as checked, for -WhatIf and the estimate.</summary>
    public IReadOnlyList<PreparedRequest> Prepared { get; }

    /// <summary>name-01.mp4, name-02.mp4… in the folder.</summary>
    public IReadOnlyList<string> ClipPaths { get; }

    /// <summary>name.mp4 in the folder.</summary>
    public string JoinedPath { get; }

    /// <summary>The clips' estimates together; null when any price is unpublished.</summary>
    public decimal? EstimatedCost => Prepared.Any(clip => clip.EstimatedCost is null) ? null : Prepared.Sum(clip => clip.EstimatedCost!.Value);

    /// <param name="clips">The clips in order; only the first may have -Image (its first frame); later ones must have none.</param>
    /// <param name="maxCost">-MaxCost for the whole storyboard, or null.</param>
    public static async Task<StoryboardPlan> MakeAsync(SeedanceConnection connection, IReadOnlyList<VideoRequest> clips, string folder, string name, bool overwrite, decimal? maxCost, CancellationToken cancellationToken)
    {
        if (clips.Count == 0)
        {
            throw new SeedanceException(SeedanceErrorCategory.Validation, ErrorIds.StoryboardEmpty, "New-SeedanceStoryboard got no shots. Give -Prompt one text per clip, in story order.") { ParameterName = "Prompt" };
        }

        var budget = maxCost is { } limit ? new CostBudget(limit) : null;
        var prepared = new List<PreparedRequest>();
        for (var index = 0; index < clips.Count; index++)
        {
            var clip = clips[index];
            var ready = Check(connection, clip, index);
            // The provider's last-frame image saves decoding the clip; asked for wherever the model returns one.
            if (index < clips.Count - 1 && ready.Model.Supports(ModelOptions.ReturnLastFrame))
            {
                clip.ReturnLastFrame = true;
                ready = Check(connection, clip, index);
            }

            // Under a cap, the provider's quote counts where it gives one, as it does for New-SeedanceVideo.
            if (budget is not null)
            {
                var price = await connection.PriceAsync(ready, cancellationToken).ConfigureAwait(false);
                budget.Reserve(price.Amount, $"storyboard's clip {index + 1} of {clips.Count} ({ready.Summary})");
            }

            prepared.Add(ready);
        }

        if (clips.Count > 1 && prepared.Take(clips.Count - 1).Any(clip => !clip.Model.Supports(ModelOptions.ReturnLastFrame)) && Ffmpeg.Find() is null)
        {
            throw new SeedanceException(SeedanceErrorCategory.Validation, ErrorIds.FfmpegNotFound,
                $"Each clip after the first starts from the last frame of the one before; {prepared[0].Model.Provider} model {prepared[0].Model.Id} returns no last frame, so it is taken from the saved clip with ffmpeg, which is not on PATH. {Ffmpeg.InstallHint}, or use Ark, which returns the last frame itself. Nothing was submitted.")
            { RecommendedAction = Ffmpeg.InstallHint + "." };
        }

        var clipPaths = Enumerable.Range(1, clips.Count).Select(number => Path.Combine(folder, $"{name}-{number:00}.mp4")).ToList();
        var joinedPath = Path.Combine(folder, name + ".mp4");
        var taken = clipPaths.Append(joinedPath).FirstOrDefault(File.Exists);
        if (taken is not null && !overwrite)
        {
            throw new SeedanceException(SeedanceErrorCategory.FileSystem, ErrorIds.FileExists,
                $"'{taken}' already exists; nothing was submitted. Use -Force to make the storyboard anew over it, or give another -Name or -Path.") { ParameterName = "Path" };
        }

        return new StoryboardPlan(clips, prepared, clipPaths, joinedPath);
    }

    /// <summary>A clip checked as it will be sent: a later clip with a first frame standing in for the one it will get.</summary>
    private static PreparedRequest Check(SeedanceConnection connection, VideoRequest clip, int index)
    {
        if (index == 0)
        {
            return connection.Prepare(clip);
        }

        clip.Images.Add(FrameToCome);
        try
        {
            return connection.Prepare(clip);
        }
        finally
        {
            clip.Images.Remove(FrameToCome);
        }
    }
}
