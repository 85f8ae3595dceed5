using System.Management.Automation;

namespace Seedance.Commands.Runtime;

/// <summary>Turns engine failures into ErrorRecords with a stable error id and a fitting PowerShell category.</summary>
internal static class ErrorRecords
{
    public static ErrorRecord From(SeedanceException exception, object? target)
    {
        var record = new ErrorRecord(exception, exception.ErrorId, CategoryOf(exception), target ?? exception.TaskId);
        if (exception.ParameterName is { } parameter)
        {
            record.CategoryInfo.TargetName = "-" + parameter;
        }

        if (exception.RecommendedAction is { } action)
        {
            record.ErrorDetails = new ErrorDetails(exception.Message) { RecommendedAction = action };
        }

        return record;
    }

    private static ErrorCategory CategoryOf(SeedanceException exception) => exception.ErrorId switch
    {
        ErrorIds.FileExists => ErrorCategory.ResourceExists,
        ErrorIds.ImageUnreadable => ErrorCategory.ReadError,
        // A webhook that fails its check may be forged: a security matter, not a bad argument.
        ErrorIds.WebhookSignatureInvalid or ErrorIds.WebhookSignatureMissing or ErrorIds.WebhookTimestampStale or ErrorIds.WebhookTimestampInvalid => ErrorCategory.SecurityError,
        _ => exception.Category switch
        {
            SeedanceErrorCategory.Validation => ErrorCategory.InvalidArgument,
            SeedanceErrorCategory.Authentication => ErrorCategory.AuthenticationError,
            SeedanceErrorCategory.InsufficientBalance => ErrorCategory.QuotaExceeded,
            SeedanceErrorCategory.RateLimited => ErrorCategory.LimitsExceeded,
            SeedanceErrorCategory.ContentPolicy => ErrorCategory.PermissionDenied,
            SeedanceErrorCategory.NotFound => ErrorCategory.ObjectNotFound,
            SeedanceErrorCategory.Server => ErrorCategory.ResourceUnavailable,
            SeedanceErrorCategory.Network => ErrorCategory.ConnectionError,
            SeedanceErrorCategory.Timeout => ErrorCategory.OperationTimeout,
            SeedanceErrorCategory.NotSupported => ErrorCategory.NotImplemented,
            SeedanceErrorCategory.FileSystem => ErrorCategory.WriteError,
            _ => ErrorCategory.NotSpecified,
        },
    };
}
