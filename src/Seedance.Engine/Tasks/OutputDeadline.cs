using System;
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

    public static DateTimeOffset? Of(VideoTask task) =>
        task.State == TaskState.Succeeded && ProviderCatalog.Find(task.Provider)?.Info.OutputLifetime is { } lifetime
            ? (task.CompletedAt ?? task.CheckedAt ?? task.CreatedAt) + lifetime
            : null;

    /// <summary>The warning for a succeeded task whose video is close to its deadline (or past it), else null.</summary>
    public static string? WarningFor(VideoTask task, DateTimeOffset now)
    {
        if (Of(task) is not { } deadline || deadline - now >= WarnWithin)
        {
            return null;
        }

        var when = deadline.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var retention = ProviderCatalog.Find(task.Provider)?.Info.OutputRetention;
        return deadline <= now
            ? $"The video of task {task.Id} could be downloaded only until {when} ({retention}); it may already be gone. Try Save-SeedanceVideo now."
            : $"The video of task {task.Id} can be downloaded only until {when} ({retention}). Save it before then (Save-SeedanceVideo).";
    }
}
