using Seedance.Providers;

namespace Seedance.Tasks;

/// <summary>
/// The error for a wait whose deadline (-TimeoutSec) passed: what became of the task, and what the user can do.
/// With -CancelOnTimeout it says whether the provider stopped it, only took the request, or cannot cancel at all,
/// since a task left running keeps its paid slot and is billed.
/// </summary>
internal static class WaitTimeout
{
    public const string ErrorId = ErrorIds.WaitTimedOut;

    /// <summary>The deadline passed and the task was left alone.</summary>
    public static SeedanceException LeftRunning(VideoTask latest, TimeSpan timeout) => Error(latest,
        $"{StillUnfinished(latest, timeout)} It keeps running at {latest.Provider} and may still finish: wait again with Get-SeedanceTask -Id {latest.Id} | Wait-SeedanceTask, or stop it with Stop-SeedanceTask -Id {latest.Id}.");

    /// <summary>
    /// The deadline passed and the task was cancelled (-CancelOnTimeout) with <paramref name="outcome"/>;
    /// <paramref name="latest"/> is the snapshot the cancel returned.
    /// </summary>
    public static SeedanceException AfterCancel(VideoTask latest, TimeSpan timeout, CancelOutcome outcome, ProviderInfo provider) => Error(latest, outcome switch
    {
        CancelOutcome.Cancelled =>
            $"Task {latest.Id} had not finished after {Seconds(timeout)} (-TimeoutSec), so it was cancelled at {provider.Name} (-CancelOnTimeout).",
        CancelOutcome.Requested =>
            $"{StillUnfinished(latest, timeout)} {provider.Name} accepted the cancel request (-CancelOnTimeout), but the task was already {latest.StateWord()}: {provider.CancelBehaviour} Check it with Get-SeedanceTask -Id {latest.Id}.",
        _ =>
            $"{StillUnfinished(latest, timeout)} {provider.Name} offers no way to cancel it (-CancelOnTimeout): it runs to the end and is billed. Wait again with Get-SeedanceTask -Id {latest.Id} | Wait-SeedanceTask.",
    });

    /// <summary>The deadline passed and the cancel request failed too.</summary>
    public static SeedanceException CancelFailed(VideoTask latest, TimeSpan timeout, SeedanceException failure) => Error(latest,
        $"{StillUnfinished(latest, timeout)} Cancelling it at {latest.Provider} failed (-CancelOnTimeout): {failure.Message} It may still be running: stop it with Stop-SeedanceTask -Id {latest.Id}.", failure);

    private static string StillUnfinished(VideoTask latest, TimeSpan timeout) =>
        $"Task {latest.Id} is still {latest.StateWord()} after {Seconds(timeout)} (-TimeoutSec).";

    private static string Seconds(TimeSpan timeout) => $"{timeout.TotalSeconds:N0} s";

    private static SeedanceException Error(VideoTask latest, string message, Exception? inner = null) =>
        new(SeedanceErrorCategory.Timeout, ErrorId, message, inner) { TaskId = latest.Id, Provider = latest.Provider };
}
