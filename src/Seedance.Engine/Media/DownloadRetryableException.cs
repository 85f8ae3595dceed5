namespace Seedance.Media;

/// <summary>A download attempt that failed in a way another attempt (resuming where this one stopped) can fix.</summary>
internal sealed class DownloadRetryableException : Exception
{
    public DownloadRetryableException(string message, TimeSpan? retryAfter = null, Exception? inner = null)
        : base(message, inner) => RetryAfter = retryAfter;

    public TimeSpan? RetryAfter { get; }
}
