namespace Seedance.Providers;

/// <summary>One reading of a provider's list of recent tasks.</summary>
public sealed class TaskListing
{
    /// <summary>
    /// The most pages read for one listing: a thousand tasks or so within minutes of one submit. An account busier
    /// than that gets a listing that does not show every task, so an absence proves nothing there.
    /// </summary>
    internal const int MostPages = 10;

    public TaskListing(IReadOnlyList<ListedTask> tasks, bool showsEveryTask)
    {
        Tasks = tasks;
        ShowsEveryTask = showsEveryTask;
    }

    public IReadOnlyList<ListedTask> Tasks { get; }

    /// <summary>
    /// True when every task created in the period asked for is in <see cref="Tasks"/> (the list was read to its end
    /// or back past the period's start, and the provider lists tasks from the moment it records them): only then
    /// does a task's absence mean it was not created.
    /// </summary>
    public bool ShowsEveryTask { get; }

    /// <summary>
    /// Reads a list that pages newest first, page after page (<paramref name="readPage"/> takes the cursor the
    /// previous page named, null for the first), until one names no next page or reaches back before
    /// <paramref name="since"/>, or <see cref="MostPages"/> were read; keeps the tasks created since then.
    /// </summary>
    internal static async Task<TaskListing> ReadPagesAsync(DateTimeOffset since, Func<string?, Task<ListPage>> readPage, bool listsEveryRecordedTask = true)
    {
        var tasks = new List<ListedTask>();
        string? cursor = null;
        for (var pages = 0; pages < MostPages; pages++)
        {
            var page = await readPage(cursor).ConfigureAwait(false);
            tasks.AddRange(page.Tasks);
            if (page.Next is null || page.Tasks.Any(listed => listed.Task.CreatedAt < since))
            {
                return new TaskListing(Since(tasks, since), listsEveryRecordedTask);
            }

            cursor = page.Next;
        }

        return new TaskListing(Since(tasks, since), showsEveryTask: false);
    }

    private static List<ListedTask> Since(IEnumerable<ListedTask> tasks, DateTimeOffset since) =>
        tasks.Where(listed => listed.Task.CreatedAt >= since).ToList();
}

/// <summary>One page of a provider's task list, and the cursor of the next one (null on the last).</summary>
internal sealed record ListPage(IReadOnlyList<ListedTask> Tasks, string? Next);
