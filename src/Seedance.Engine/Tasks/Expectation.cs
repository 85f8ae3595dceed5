namespace Seedance.Tasks;

/// <summary>
/// How long a task is expected to take: measured in this session, or seeded from its model's typical time.
/// <paramref name="Kind"/> names the tasks that share one expectation (provider, model, duration, resolution).
/// </summary>
public readonly record struct Expectation(TimeSpan Expected, bool Measured, string Kind);
