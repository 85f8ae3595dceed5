using System.Collections.Generic;

namespace Seedance.Providers;

/// <summary>One reading of a provider's list of recent tasks.</summary>
public sealed class TaskListing
{
    public TaskListing(IReadOnlyList<ListedTask> tasks, bool showsEveryTask)
    {
        Tasks = tasks;
        ShowsEveryTask = showsEveryTask;
    }

    public IReadOnlyList<ListedTask> Tasks { get; }

    /// <summary>
    /// True when every task created in the period asked for is in <see cref="Tasks"/> (the list was not cut off by
    /// its page size, and the provider lists tasks from the moment it records them): only then does a task's
    /// absence mean it was not created.
    /// </summary>
    public bool ShowsEveryTask { get; }
}
