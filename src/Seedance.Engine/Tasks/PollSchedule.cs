namespace Seedance.Tasks;

/// <summary>
/// When to ask about a task next. With a measured generation time T, the first question comes just before T
/// and later ones every T/20, so a result is noticed within a few percent of T after two or three requests.
/// Without one, questions start after a second and space out in proportion to the time already waited
/// (noticing within half the elapsed time, at a cost logarithmic in T), never further apart than the cap.
/// </summary>
public sealed class PollSchedule
{
    public TimeSpan MinimumInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaximumInterval { get; set; } = TimeSpan.FromSeconds(15);

    public TimeSpan FirstProbe { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The delay before the next status request.</summary>
    /// <param name="elapsed">Time since the task was submitted (or since watching began, for older tasks).</param>
    /// <param name="expected">The expected generation time.</param>
    /// <param name="measured">Whether <paramref name="expected"/> was measured in this session.</param>
    /// <param name="jitter">A number in [0, 1) that spreads tasks submitted together over time.</param>
    public TimeSpan NextDelay(TimeSpan elapsed, TimeSpan expected, bool measured, double jitter)
    {
        TimeSpan delay;
        if (measured)
        {
            var firstAsk = Scale(expected, 0.95);
            delay = elapsed < firstAsk ? firstAsk - elapsed : Clamp(Scale(expected, 0.05));
        }
        else
        {
            delay = elapsed < FirstProbe ? FirstProbe - elapsed : Clamp(Scale(elapsed, 0.5));
        }

        // +-5 % so that tasks submitted in one burst are not polled in one burst.
        return Scale(delay, 0.95 + (jitter * 0.1));
    }

    private TimeSpan Clamp(TimeSpan interval) =>
        interval < MinimumInterval ? MinimumInterval : interval > MaximumInterval ? MaximumInterval : interval;

    private static TimeSpan Scale(TimeSpan value, double factor) => TimeSpan.FromTicks((long)(value.Ticks * factor));
}
