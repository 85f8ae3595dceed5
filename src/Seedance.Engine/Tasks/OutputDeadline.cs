using System.Globalization;
using Seedance.Providers;

namespace Seedance.Tasks;

/// <summary>
/// Until when a finished task's video can still be downloaded, by its provider's documented lifetime (Replicate
/// deletes outputs an hour after a prediction finishes): a paid video not saved by then is lost.
/// </summary>
public static class OutputDeadline
{
    /// <summary>Closer than this to its deadline, a succeeded task gets a "save it soon" warning.</summary>
    public static readonly TimeSpan WarnWithin = TimeSpan.FromHours(2);

    /// <summary>The warning for a succeeded task whose video is close to its deadline (or past it), else null.</summary>
    public static string? WarningFor(VideoTask task, DateTimeOffset now)
    {
        var provider = ProviderCatalog.Find(task.Provider)?.Info;
        if (Of(task, provider) is not { } deadline || deadline - now >= WarnWithin)
        {
            return null;
        }

        var when = deadline.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        return deadline <= now
            ? $"The video of task {task.Id} could be downloaded only until {when} ({provider!.OutputRetention}); it may already be gone. Try Save-SeedanceVideo now."
            : $"The video of task {task.Id} can be downloaded only until {when} ({provider!.OutputRetention}). Save it before then (Save-SeedanceVideo).";
    }

    /// <summary>Until when the video can be downloaded, by the provider's documented lifetime; null where none is given.</summary>
    private static DateTimeOffset? Of(VideoTask task, ProviderInfo? provider) =>
        task.Lifecycle == TaskState.Succeeded && provider?.OutputLifetime is { } lifetime
            ? (task.CompletedAt ?? task.CheckedAt ?? task.CreatedAt) + lifetime
            : null;
}
