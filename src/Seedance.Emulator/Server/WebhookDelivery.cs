namespace Seedance.Emulator.Server;

/// <summary>
/// How a provider delivers one webhook: how long it waits for the receiver's answer, and how often and how far
/// apart it tries again when no 2xx comes back. Each twin states its provider's schedule with one of these.
/// </summary>
public sealed class WebhookDelivery
{
    /// <param name="attemptTimeout">How long one attempt may take before it counts as failed.</param>
    /// <param name="retries">Tries after the first; 0 sends once.</param>
    /// <param name="firstDelay">The wait before the first retry; each later wait doubles it.</param>
    public WebhookDelivery(TimeSpan attemptTimeout, int retries, TimeSpan firstDelay)
    {
        AttemptTimeout = attemptTimeout;
        Retries = retries;
        FirstDelay = firstDelay;
    }

    /// <summary>One try and no more: what providers do with webhooks of intermediate states.</summary>
    public static WebhookDelivery Once(TimeSpan attemptTimeout) => new(attemptTimeout, 0, TimeSpan.Zero);

    public TimeSpan AttemptTimeout { get; }

    public int Retries { get; }

    public TimeSpan FirstDelay { get; }
}
