namespace Seedance.Emulator.Routing;

/// <summary>
/// A path pattern such as <c>/contents/generations/tasks/{id}</c>: literal segments, <c>{name}</c> for one
/// segment, and a last <c>{*name}</c> for one or more (a model id with slashes in it). Values are unescaped.
/// </summary>
internal sealed class RoutePattern
{
    private readonly string[] _segments;

    public RoutePattern(string pattern)
    {
        if (!pattern.StartsWith("/", StringComparison.Ordinal))
        {
            throw new ArgumentException($"A route pattern starts with '/': '{pattern}'.", nameof(pattern));
        }

        _segments = pattern.Substring(1).Split('/');
        if (_segments.Take(_segments.Length - 1).Any(IsCatchAll))
        {
            throw new ArgumentException($"Only the last segment of a route pattern may be {{*name}}: '{pattern}'.", nameof(pattern));
        }
    }

    /// <summary>The values the pattern captures from <paramref name="segments"/>; null when it does not match.</summary>
    public IReadOnlyDictionary<string, string>? Match(IReadOnlyList<string> segments)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var index = 0; index < _segments.Length; index++)
        {
            var pattern = _segments[index];
            if (IsCatchAll(pattern))
            {
                if (index >= segments.Count)
                {
                    return null;
                }

                values[NameOf(pattern)] = Uri.UnescapeDataString(string.Join("/", segments.Skip(index)));
                return values;
            }

            if (index >= segments.Count)
            {
                return null;
            }

            if (IsParameter(pattern))
            {
                values[NameOf(pattern)] = Uri.UnescapeDataString(segments[index]);
            }
            else if (!string.Equals(pattern, segments[index], StringComparison.Ordinal))
            {
                return null;
            }
        }

        return segments.Count == _segments.Length ? values : null;
    }

    private static bool IsParameter(string segment) => segment.StartsWith("{", StringComparison.Ordinal) && segment.EndsWith("}", StringComparison.Ordinal);

    private static bool IsCatchAll(string segment) => segment.StartsWith("{*", StringComparison.Ordinal) && segment.EndsWith("}", StringComparison.Ordinal);

    private static string NameOf(string segment) => segment.Trim('{', '}', '*');
}
