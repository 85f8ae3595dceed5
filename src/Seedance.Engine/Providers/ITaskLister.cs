using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Seedance.Providers;

/// <summary>
/// A provider that can list the account's recent tasks. After a submit whose answer was lost, the list tells
/// whether a task was created (it is then recovered, not submitted again) or not (a new submit is safe).
/// </summary>
public interface ITaskLister
{
    /// <summary>The account's tasks created since <paramref name="since"/>, as snapshots.</summary>
    Task<IReadOnlyList<VideoTask>> ListRecentAsync(ProviderContext context, DateTimeOffset since, CancellationToken cancellationToken);
}
