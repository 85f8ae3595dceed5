using Seedance.Http;
using Seedance.Requests;

namespace Seedance.Providers;

/// <summary>
/// One provider's wire protocol. An implementation maps requests to its JSON, its answers to
/// <see cref="VideoTask"/> snapshots, and its error bodies to categories; retries, timeouts, auth,
/// validation and pricing are shared and live elsewhere.
/// </summary>
public interface IVideoProvider
{
    ProviderInfo Info { get; }

    /// <summary>Creates the paid task. Called once per request: never retried by the caller.</summary>
    Task<VideoTask> SubmitAsync(ProviderContext context, PreparedRequest request, CancellationToken cancellationToken);

    /// <summary>Asks where the task stands and returns a new snapshot.</summary>
    Task<VideoTask> RefreshAsync(ProviderContext context, VideoTask task, CancellationToken cancellationToken);

    Task<CancelOutcome> CancelAsync(ProviderContext context, VideoTask task, CancellationToken cancellationToken);

    /// <summary>Reads the provider's error body into a category and a message.</summary>
    ApiFailure DescribeFailure(ApiResponse response);
}
