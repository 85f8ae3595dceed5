using Seedance.Tasks;

namespace Seedance.Tests.Tasks;

/// <summary>When the watcher asks: at a measured time, soon for scouts, at the typical time for the rest.</summary>
public sealed class PollScheduleTests
{
    private static readonly PollSchedule Schedule = new();

    private static readonly Expectation Measured = new(TimeSpan.FromSeconds(10), true, "kind");

    private static readonly Expectation Typical = new(TimeSpan.FromSeconds(30), false, "kind");

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(0.999)]
    public void A_task_of_a_measured_kind_is_first_asked_about_once_its_time_has_passed_not_before(double jitter)
    {
        var first = Schedule.FirstDelay(Measured, scoutPlace: null, jitter);

        Assert.InRange(first, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10.5));
    }

    [Fact]
    public void Past_its_measured_time_a_task_is_asked_about_every_twentieth_of_it()
    {
        var next = Schedule.NextDelay(TimeSpan.FromSeconds(10.2), Measured, scoutPlace: null, jitter: 0.5);

        Assert.Equal(TimeSpan.FromSeconds(0.5), next);
    }

    [Fact]
    public void Asked_early_a_task_of_a_measured_kind_waits_for_the_rest_of_its_time()
    {
        var next = Schedule.NextDelay(TimeSpan.FromSeconds(4), Measured, scoutPlace: null, jitter: 0);

        Assert.Equal(TimeSpan.FromSeconds(6), next);
    }

    [Fact]
    public void A_scout_asks_after_a_second_then_a_tenth_of_its_wait_apart_within_the_bounds()
    {
        Assert.Equal(Schedule.FirstProbe, Schedule.FirstDelay(Typical, scoutPlace: 0, jitter: 0.5));
        var onItsGrid = TimeSpan.FromSeconds(Math.Pow(1.1, 22)); // 8.14 s, where its 23rd request was made
        Assert.InRange(Schedule.NextDelay(onItsGrid, Typical, scoutPlace: 0, jitter: 0.5).TotalSeconds, 0.813, 0.815);
        Assert.InRange(Schedule.NextDelay(onItsGrid + TimeSpan.FromSeconds(0.3), Typical, scoutPlace: 0, jitter: 0.5).TotalSeconds, 0.513, 0.515);
        Assert.Equal(Schedule.MinimumInterval, Schedule.NextDelay(TimeSpan.FromSeconds(1), Typical, scoutPlace: 0, jitter: 0.5));
        Assert.Equal(Schedule.MaximumInterval, Schedule.NextDelay(TimeSpan.FromMinutes(20), Typical, scoutPlace: 0, jitter: 0.5));
    }

    [Fact]
    public void Scouts_of_one_kind_ask_staggered_so_together_they_look_several_times_a_step()
    {
        // Each scout's requests, as the watcher makes them: the first delay, then one step after each answer.
        List<double> Probes(int place)
        {
            var times = new List<double> { Schedule.FirstDelay(Typical, place, jitter: 0.5).TotalSeconds };
            while (times[^1] < 12)
            {
                // Each answer comes a little late, as on a busy machine.
                times.Add(times[^1] + 0.03 + Schedule.NextDelay(TimeSpan.FromSeconds(times[^1] + 0.03), Typical, place, jitter: 0.5).TotalSeconds);
            }

            return times;
        }

        var all = Enumerable.Range(0, Schedule.Scouts).SelectMany(Probes).Where(t => t is > 9 and < 12).OrderBy(t => t).ToList();
        var widestGap = all.Zip(all.Skip(1), (a, b) => b - a).Max();

        // Around 10 s one scout asks every second; three staggered ones leave no gap much over a third of that.
        Assert.True(widestGap < 0.4, $"the widest gap between scouts' requests near 10 s is {widestGap:F2} s");
        // Staggering costs no request: each scout still asks once a step.
        var one = Probes(0).Count(t => t is > 9 and < 12);
        Assert.InRange(all.Count, (one * Schedule.Scouts) - Schedule.Scouts, (one * Schedule.Scouts) + Schedule.Scouts);
    }

    [Fact]
    public void A_task_that_is_not_scouting_first_waits_for_its_models_typical_time_and_past_it_asks_ever_less_often()
    {
        Assert.InRange(Schedule.FirstDelay(Typical, scoutPlace: null, jitter: 0), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(31.5));
        var soon = Schedule.NextDelay(TimeSpan.FromSeconds(31), Typical, scoutPlace: null, jitter: 0.5);
        var later = Schedule.NextDelay(TimeSpan.FromSeconds(50), Typical, scoutPlace: null, jitter: 0.5);
        Assert.True(soon < later, $"{soon} then {later}");
        Assert.True(later <= Schedule.MaximumInterval);
    }
}
