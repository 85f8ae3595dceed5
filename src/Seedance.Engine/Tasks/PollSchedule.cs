namespace Seedance.Tasks;

/// <summary>
/// When to ask about a task. A task of a kind whose generation time T was measured in this session is first asked
/// about when T has passed and then every T/20, so most results are noticed at the first or second request, within
/// a few percent of T. While a kind has no measured time, a few of its tasks scout: they ask from one second on, a
/// tenth of the time waited apart, so the first of them to finish measures T closely; the others wait until their
/// model's typical time, or until a scout's measurement re-plans them (see <see cref="TaskWatcher"/>).
/// </summary>
/// <remarks>
/// Status requests then cost about one or two per task whatever the batch size, plus a fixed few dozen for the
/// scouts, instead of growing with the logarithm of T for every task.
/// </remarks>
public sealed class PollSchedule
{
    public TimeSpan MinimumInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaximumInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A scout's first request, after submitting.</summary>
    public TimeSpan FirstProbe { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many tasks of one kind scout at a time while that kind has no measured time.</summary>
    public int Scouts { get; set; } = 3;

    /// <summary>A scout's interval as a share of the time it has waited.</summary>
    public double ScoutStep { get; set; } = 0.1;

    /// <summary>A task's interval, once its expected time has passed, as a share of that time.</summary>
    public double FollowStep { get; set; } = 0.05;

    /// <summary>The delay from a task's submit to its first status request.</summary>
    /// <param name="scoutPlace">
    /// For a scout, its place among its kind's scouts (0 to <see cref="Scouts"/> - 1): each starts that share of a step
    /// later, so together they look <see cref="Scouts"/> times as often as one does and the first finish of a kind is
    /// seen within a third of a scout's interval, not a whole one. Null for a task that does not scout.
    /// </param>
    /// <param name="jitter">A number in [0, 1) that spreads tasks submitted together over time.</param>
    public TimeSpan FirstDelay(Expectation expectation, int? scoutPlace, double jitter) =>
        scoutPlace is { } place ? NextScoutProbe(TimeSpan.Zero, place) : Spread(expectation.Expected, jitter);

    /// <summary>The delay before the next status request about a task not finished yet.</summary>
    /// <param name="elapsed">Time since the task was submitted (or since watching began, for older tasks).</param>
    /// <param name="scoutPlace">Its place among the scouts (see <see cref="FirstDelay"/>); 0 for a task watched from elsewhere, which asks as a scout does; null for any other.</param>
    /// <param name="jitter">A number in [0, 1) that spreads tasks submitted together over time.</param>
    public TimeSpan NextDelay(TimeSpan elapsed, Expectation expectation, int? scoutPlace, double jitter)
    {
        TimeSpan delay;
        if (scoutPlace is { } place)
        {
            return NextScoutProbe(elapsed, place);
        }
        else if (elapsed < expectation.Expected)
        {
            // Asked early (a task watched from elsewhere, or after an outage): the expected finish is still ahead.
            return Spread(expectation.Expected - elapsed, jitter);
        }
        else
        {
            // Past a measured time, a result is due any moment; past a typical time that was only a guess,
            // the guess was short, so the intervals grow with the wait as a scout's do, only wider.
            delay = expectation.Measured ? Clamp(Scale(expectation.Expected, FollowStep)) : Clamp(Scale(elapsed, ScoutStep * 2.5));
        }

        // +-5 % so that tasks submitted in one burst are not polled in one burst.
        return Scale(delay, 0.95 + (jitter * 0.1));
    }

    /// <summary>
    /// The delay to a scout's next request. Scout k asks at FirstProbe x (1 + ScoutStep)^(n + k / Scouts), a tenth of
    /// its wait apart, on a grid of its own: not jittered, so the few scouts stay staggered however late an answer
    /// comes; never sooner than <see cref="MinimumInterval"/>, which keeps the first seconds from crowding.
    /// </summary>
    private TimeSpan NextScoutProbe(TimeSpan elapsed, int place)
    {
        double ratio = 1 + ScoutStep;
        double phase = place / (double)Scouts;
        double stepsSoFar = elapsed <= TimeSpan.Zero ? double.NegativeInfinity : (Math.Log(elapsed.TotalSeconds / FirstProbe.TotalSeconds) / Math.Log(ratio)) - phase;

        // The next point of the grid strictly after now; the small margin keeps a request made on a point from
        // choosing that same point again.
        double step = Math.Max(0, Math.Floor(stepsSoFar + 1e-6) + 1);
        var next = Scale(FirstProbe, Math.Pow(ratio, step + phase));
        return elapsed == TimeSpan.Zero ? next : Clamp(next - elapsed);
    }

    /// <summary>
    /// The time a task was first expected to be done, spread later by up to 2 %: never before it (a request too early
    /// is one more request), and not all at once for a burst. Less than the 2.5 % a first look that finds the task done
    /// is shaded down by (see <see cref="TaskWatcher"/>), so a measured time that came out long drifts back down.
    /// </summary>
    private static TimeSpan Spread(TimeSpan untilExpected, double jitter) => Scale(untilExpected, 1 + (jitter * 0.02));

    private TimeSpan Clamp(TimeSpan interval) =>
        interval < MinimumInterval ? MinimumInterval : interval > MaximumInterval ? MaximumInterval : interval;

    private static TimeSpan Scale(TimeSpan value, double factor) => TimeSpan.FromTicks((long)(value.Ticks * factor));
}
