namespace Seedance.Tasks;

/// <summary>
/// The rules every provider's status answer follows when it becomes a task's next snapshot, kept in one place so
/// each provider only maps its own words and fields.
/// </summary>
public static class TaskSnapshots
{
    /// <summary>
    /// The snapshot after a status answer: a success without a video is a failure (with a reason); the completion
    /// time is set once, when the task first turns final; a success clears any earlier error; and values the
    /// answer leaves out keep what was known before.
    /// </summary>
    public static VideoTask Next(this VideoTask task, TaskState state, Uri? video = null, string? error = null, string? errorCode = null, DateTimeOffset? createdAt = null, DateTimeOffset? completedAt = null)
    {
        if (state == TaskState.Succeeded && video is null)
        {
            state = TaskState.Failed;
            error ??= $"{task.Provider} reported task {task.Id} finished but gave no video.";
        }

        var now = DateTimeOffset.UtcNow;
        var succeeded = state == TaskState.Succeeded;
        var failureKind = FailureCategoryOf(state, errorCode ?? task.ErrorCode, error ?? task.Error);
        return task with
        {
            Lifecycle = state,
            CreatedAt = createdAt ?? task.CreatedAt,
            CheckedAt = now,
            CompletedAt = state.IsFinal() ? task.CompletedAt ?? completedAt ?? now : null,
            VideoUrl = video ?? task.VideoUrl,
            Error = succeeded ? null : error ?? task.Error,
            ErrorCode = succeeded ? null : errorCode ?? task.ErrorCode,
            FailureKind = failureKind,
            FlaggedInput = failureKind == SeedanceErrorCategory.ContentPolicy ? Seedance.FlaggedInput.Of(errorCode ?? task.ErrorCode, error ?? task.Error) : null,
        };
    }

    /// <summary>
    /// Moderation refusals are told from other failures by what every provider's codes and messages say about
    /// them (nsfw, sensitive, moderation, content policy, risk detection), since no two use the same field.
    /// </summary>
    private static SeedanceErrorCategory? FailureCategoryOf(TaskState state, string? code, string? error) => state switch
    {
        TaskState.Failed when Providers.WireJson.Mentions(code + " " + error, ModerationWords) => SeedanceErrorCategory.ContentPolicy,
        TaskState.Failed => SeedanceErrorCategory.Server,
        TaskState.Expired => SeedanceErrorCategory.Timeout,
        _ => null,
    };

    private static readonly string[] ModerationWords = { "nsfw", "sensitive", "moderation", "content policy", "content_policy", "riskdetection", "E005" };
}
