using Seedance.Emulator.Routing;

namespace Seedance.Emulator.Twins;

internal sealed partial class ArkTwin
{
    public TwinRouter Routes { get; }

    /// <summary>Ark's task API under <c>/api/v3</c>.</summary>
    private TwinRouter RouteTable() => new TwinRouter(
            context => context.Credential("Bearer"),
            _services.Accepts,
            context => RespondErrorAsync(context, 401, "AuthenticationError", "The API key or AK/SK in the request is missing or invalid.", string.Empty, "Unauthorized"),
            context => RespondErrorAsync(context, 404, "NotFound", $"The requested path {context.Path} does not exist.", string.Empty, "NotFound"))
        .On("POST", TasksPath, EndpointKind.Submit, (context, call) => SubmitAsync(context, call.Key))
        .On("GET", TasksPath, EndpointKind.List, (context, call) => ListAsync(context, call.Key))
        .On("GET", TasksPath + "/{id}", EndpointKind.Status, (context, call) => QueryAsync(context, call.Key, call["id"]))
        .On("DELETE", TasksPath + "/{id}", EndpointKind.Cancel, (context, call) => DeleteAsync(context, call.Key, call["id"]));
}
