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
        var first = Schedule.FirstDelay(Measured, scout: false, jitter);

        Assert.InRange(first, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10.5));
    }

    [Fact]
    public void Past_its_measured_time_a_task_is_asked_about_every_twentieth_of_it()
    {
        var next = Schedule.NextDelay(TimeSpan.FromSeconds(10.2), Measured, scout: false, jitter: 0.5);

        Assert.Equal(TimeSpan.FromSeconds(0.5), next);
    }

    [Fact]
    public void Asked_early_a_task_of_a_measured_kind_waits_for_the_rest_of_its_time()
    {
        var next = Schedule.NextDelay(TimeSpan.FromSeconds(4), Measured, scout: false, jitter: 0);

        Assert.Equal(TimeSpan.FromSeconds(6), next);
    }

    [Fact]
    public void A_scout_asks_after_a_second_then_a_tenth_of_its_wait_apart_within_the_bounds()
    {
        Assert.Equal(Schedule.FirstProbe, Schedule.FirstDelay(Typical, scout: true, jitter: 0.5));
        Assert.Equal(TimeSpan.FromSeconds(0.8), Schedule.NextDelay(TimeSpan.FromSeconds(8), Typical, scout: true, jitter: 0.5));
        Assert.Equal(Schedule.MinimumInterval, Schedule.NextDelay(TimeSpan.FromSeconds(1), Typical, scout: true, jitter: 0.5));
        Assert.Equal(Schedule.MaximumInterval, Schedule.NextDelay(TimeSpan.FromMinutes(20), Typical, scout: true, jitter: 0.5));
    }

    [Fact]
    public void A_task_that_is_not_scouting_first_waits_for_its_models_typical_time_and_past_it_asks_ever_less_often()
    {
        Assert.InRange(Schedule.FirstDelay(Typical, scout: false, jitter: 0), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(31.5));
        var soon = Schedule.NextDelay(TimeSpan.FromSeconds(31), Typical, scout: false, jitter: 0.5);
        var later = Schedule.NextDelay(TimeSpan.FromSeconds(50), Typical, scout: false, jitter: 0.5);
        Assert.True(soon < later, $"{soon} then {later}");
        Assert.True(later <= Schedule.MaximumInterval);
    }
}
