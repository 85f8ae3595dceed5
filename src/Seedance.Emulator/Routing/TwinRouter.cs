using Seedance.Emulator.Server;

namespace Seedance.Emulator.Routing;

/// <summary>Handles a request a route took.</summary>
internal delegate Task RouteHandler(EmulatorContext context, RouteCall call);

/// <summary>
/// One twin's route table: each route a method, a path pattern, the kind of call it is (what fault plans aim
/// at) and its handler, tried in order. The server asks the table what kind a request is and then has the
/// table handle it, so a request is classified and handled by the same match. Every request must first carry
/// a key the emulator accepts, except on the few public routes.
/// </summary>
internal sealed class TwinRouter
{
    private readonly List<Route> _routes = new();
    private readonly Func<EmulatorContext, string?> _credential;
    private readonly Func<string?, bool> _accepts;
    private readonly Func<EmulatorContext, Task> _unauthorized;
    private readonly Func<EmulatorContext, Task> _notFound;

    /// <param name="credential">Reads the key from a request in the provider's auth scheme.</param>
    /// <param name="accepts">Whether a key is one the emulator takes.</param>
    /// <param name="unauthorized">Answers a request without an accepted key.</param>
    /// <param name="notFound">Answers a request no route takes.</param>
    public TwinRouter(Func<EmulatorContext, string?> credential, Func<string?, bool> accepts, Func<EmulatorContext, Task> unauthorized, Func<EmulatorContext, Task> notFound)
    {
        _credential = credential;
        _accepts = accepts;
        _unauthorized = unauthorized;
        _notFound = notFound;
    }

    /// <summary>Adds a route; earlier routes win where patterns overlap.</summary>
    public TwinRouter On(string method, string pattern, string endpointKind, RouteHandler handler)
    {
        _routes.Add(new Route(method, new RoutePattern(pattern), endpointKind, handler, RequiresKey: true));
        return this;
    }

    /// <summary>Adds a route that needs no key (a provider's published keys, say); it is never a fault plan's target.</summary>
    public TwinRouter Public(string method, string pattern, RouteHandler handler)
    {
        _routes.Add(new Route(method, new RoutePattern(pattern), EndpointKind.Other, handler, RequiresKey: false));
        return this;
    }

    /// <summary>What kind of call a request is (<see cref="EndpointKind"/>), for fault plans.</summary>
    public string EndpointOf(string method, string path) => Match(method, path)?.Route.EndpointKind ?? EndpointKind.Other;

    public async Task HandleAsync(EmulatorContext context)
    {
        var key = _credential(context);
        var match = Match(context.Method, context.Path);
        if (match?.Route.RequiresKey != false && !_accepts(key))
        {
            await _unauthorized(context).ConfigureAwait(false);
            return;
        }

        await (match is { } taken ? taken.Route.Handler(context, new RouteCall(key ?? string.Empty, taken.Values)) : _notFound(context)).ConfigureAwait(false);
    }

    private (Route Route, IReadOnlyDictionary<string, string> Values)? Match(string method, string path)
    {
        var segments = Segments(path);
        foreach (var route in _routes.Where(route => string.Equals(route.Method, method, StringComparison.Ordinal)))
        {
            if (route.Pattern.Match(segments) is { } values)
            {
                return (route, values);
            }
        }

        return null;
    }

    /// <summary>The path's segments (it starts with '/'); a trailing '/' is served as if absent, as the emulator always has.</summary>
    private static string[] Segments(string path)
    {
        var trimmed = path.TrimEnd('/');
        return (trimmed.Length == 0 ? "/" : trimmed).Substring(1).Split('/');
    }

    private sealed record Route(string Method, RoutePattern Pattern, string EndpointKind, RouteHandler Handler, bool RequiresKey);
}
