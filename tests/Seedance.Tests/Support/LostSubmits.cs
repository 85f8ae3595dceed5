using Seedance.Connections;
using Seedance.Emulator;
using Seedance.Emulator.Faults;

namespace Seedance.Tests.Support;

/// <summary>What the tests of lost submits share: a first submit that meets a fault, a short settle window, the submit itself.</summary>
internal static class LostSubmits
{
    public const string Prompt = "slow orbital pan";

    /// <summary>The emulator's first submit meets <paramref name="action"/> (later ones, and another client's, do not).</summary>
    public static Action<EmulatorOptions> FirstSubmit(FaultAction action, int statusCode = 500, int delayMilliseconds = 0) =>
        options => options.Faults.Add(new FaultRule { Endpoint = "submit", Calls = { 1 }, Action = action, StatusCode = statusCode, DelayMilliseconds = delayMilliseconds });

    /// <summary>Lists again every 100 ms or so until <paramref name="window"/> has passed since the submit.</summary>
    public static Action<ConnectionOptions> SettleWithin(TimeSpan window) => options =>
    {
        options.Http.SubmitSettleWindow = window;
        options.Http.SubmitSettleInterval = TimeSpan.FromMilliseconds(100);
    };

    /// <summary>Submits the usual request (an image by URL) with <paramref name="prompt"/>.</summary>
    public static Task<VideoTask> SubmitAsync(SeedanceConnection connection, string prompt = Prompt) =>
        connection.SubmitAsync(connection.Prepare(Requests.FromUrl(prompt: prompt)), CancellationToken.None);

    /// <summary>The error the usual submit fails with.</summary>
    public static Task<SeedanceException> SubmitFailsAsync(SeedanceConnection connection) =>
        Xunit.Assert.ThrowsAsync<SeedanceException>(() => SubmitAsync(connection));
}
