namespace Seedance.Tasks;

/// <summary>
/// How a task is spoken of in messages (verbose lines, warnings, errors), so that every stream says the same thing
/// the same way: "Task abc succeeded after 12.0 s.", "is still running".
/// </summary>
public static class TaskSentences
{
    /// <summary>The state as a word inside a sentence: "running", "succeeded".</summary>
    public static string StateWord(this VideoTask task) => task.State.ToLowerInvariant();

    /// <summary>
    /// The line a runbook's log wants when a task ends: which task, how it ended, after how long, and why when it did
    /// not succeed.
    /// </summary>
    public static string EndedLine(this VideoTask task)
    {
        var took = task.Elapsed is { } elapsed ? $" after {elapsed.TotalSeconds:0.0} s" : string.Empty;
        var flagged = task.FlaggedInput is { } input ? $", flagged {FlaggedInput.Words(input)}" : string.Empty;
        var why = task.Lifecycle == TaskState.Succeeded ? string.Empty : $" ({task.FailureCategory ?? "no reason given"}{flagged}: {task.Error ?? "no detail"})";
        return $"Task {task.Id} ({task.Provider}) {task.StateWord()}{took}{why}.";
    }

    /// <summary>The warning for a task that ended without a video, with the provider's reason where it gave one.</summary>
    public static string EndedWithoutVideo(this VideoTask task) =>
        $"Task {task.Id} {task.StateWord()}{(task.Error is null ? "." : ": " + task.Error)}";
}
