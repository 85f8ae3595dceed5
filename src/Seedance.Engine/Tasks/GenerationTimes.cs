using System.Collections.Concurrent;

namespace Seedance.Tasks;

/// <summary>
/// How long generations take, per provider, model, duration and resolution: seeded from the model's typical
/// time, then learned from tasks this session saw finish. The poller uses it to ask for a result when one is
/// likely to be there, rather than every few seconds from the start.
/// </summary>
public sealed class GenerationTimes
{
    // Weight of the newest observation: high enough to adapt within a batch, low enough to ride out noise.
    private const double Smoothing = 0.3;

    private readonly ConcurrentDictionary<string, TimeSpan> _learned = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The expected time for this kind of task, and whether it was measured (true) or only seeded.</summary>
    public Expectation Expect(string provider, string model, int? durationSeconds, string? resolution, TimeSpan typicalFiveSecondTime)
    {
        var kind = Key(provider, model, durationSeconds, resolution);
        if (_learned.TryGetValue(kind, out var learned))
        {
            return new Expectation(learned, true, kind);
        }

        var scale = (durationSeconds ?? 5) / 5.0;
        return new Expectation(TimeSpan.FromTicks((long)(typicalFiveSecondTime.Ticks * scale)), false, kind);
    }

    /// <summary>Records one finished task's generation time.</summary>
    public void Observe(string provider, string model, int? durationSeconds, string? resolution, TimeSpan took)
    {
        if (took <= TimeSpan.Zero)
        {
            return;
        }

        _learned.AddOrUpdate(Key(provider, model, durationSeconds, resolution), took,
            (_, previous) => TimeSpan.FromTicks((long)((previous.Ticks * (1 - Smoothing)) + (took.Ticks * Smoothing))));
    }

    private static string Key(string provider, string model, int? durationSeconds, string? resolution) =>
        $"{provider}|{model}|{durationSeconds}|{resolution}";
}
