namespace Seedance.Emulator.Routing;

/// <summary>A request a route took: the key it was accepted with, and what its path pattern captured.</summary>
internal sealed class RouteCall
{
    private readonly IReadOnlyDictionary<string, string> _values;

    public RouteCall(string key, IReadOnlyDictionary<string, string> values)
    {
        Key = key;
        _values = values;
    }

    /// <summary>The accepted credential: the account the request acts for.</summary>
    public string Key { get; }

    /// <summary>A value the pattern captured, e.g. <c>call["id"]</c> for <c>/tasks/{id}</c>.</summary>
    public string this[string name] => _values[name];
}
