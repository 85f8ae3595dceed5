namespace Seedance.Providers;

/// <summary>
/// A provider that can list the account's recent tasks, with what each was submitted with. After a submit whose
/// answer was lost, the list tells whether a task was created from it (it is then recovered, not submitted again)
/// or, when the list shows every task and the provider has had time to record one, that none was.
/// </summary>
public interface ITaskLister
{
    /// <summary>
    /// The account's tasks of <paramref name="model"/> (where the provider filters by model; others too where it
    /// does not) created since <paramref name="since"/>, as the list shows them.
    /// </summary>
    Task<TaskListing> ListRecentAsync(ProviderContext context, ModelInfo model, DateTimeOffset since, CancellationToken cancellationToken);
}
