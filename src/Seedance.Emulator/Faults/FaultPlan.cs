using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Seedance.Emulator.Faults;

/// <summary>
/// The faults a test or a standalone run scripts into the emulator: status codes on the Nth call of an
/// endpoint, delays, dropped connections, cut-off and malformed answers. Loaded from JSON for the standalone
/// host, e.g. <c>[{"endpoint":"submit","calls":[1],"action":"Status","statusCode":500}]</c>.
/// </summary>
public sealed class FaultPlan
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<FaultRule> _rules = new();
    private readonly Random _random;

    public FaultPlan(IEnumerable<FaultRule>? rules = null, int randomSeed = 7)
    {
        _rules.AddRange(rules ?? Enumerable.Empty<FaultRule>());
        _random = new Random(randomSeed);
    }

    /// <summary>Reads a plan; a malformed one is a <see cref="FormatException"/> naming what is wrong.</summary>
    public static FaultPlan FromJson(string json)
    {
        try
        {
            return new FaultPlan(JsonSerializer.Deserialize<List<FaultRule>>(json, JsonOptions) ?? new List<FaultRule>());
        }
        catch (JsonException ex)
        {
            throw new FormatException($"The fault plan is not a JSON array of rules: {ex.Message}", ex);
        }
    }

    /// <summary>Adds a rule while the emulator runs.</summary>
    public void Add(FaultRule rule)
    {
        lock (_rules)
        {
            _rules.Add(rule);
        }
    }

    /// <summary>Counts a call to <paramref name="endpoint"/> and returns the fault that hits it, if any, and the call's number.</summary>
    public FaultRule? Next(string provider, string endpoint, out int call)
    {
        call = _calls.AddOrUpdate(endpoint, 1, (_, count) => count + 1);
        lock (_rules)
        {
            foreach (var rule in _rules)
            {
                if (!Matches(rule.Endpoint, endpoint) || (rule.Provider is not null && !string.Equals(rule.Provider, provider, StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }

                var hit = rule.Probability is { } probability
                    ? _random.NextDouble() < probability
                    : rule.Calls.Count == 0 || rule.Calls.Contains(call);
                if (hit)
                {
                    return rule;
                }
            }
        }

        return null;
    }

    /// <summary>How many calls of <paramref name="endpoint"/> arrived so far.</summary>
    public int CallsTo(string endpoint) => _calls.TryGetValue(endpoint, out var count) ? count : 0;

    private static bool Matches(string pattern, string endpoint) =>
        pattern == "any" || string.Equals(pattern, endpoint, StringComparison.OrdinalIgnoreCase);
}
