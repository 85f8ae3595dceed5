using Seedance.Emulator.Routing;
using Seedance.Emulator.Server;

namespace Seedance.Emulator.Twins;

internal sealed partial class FalTwin
{
    public TwinRouter Routes { get; }

    /// <summary>
    /// The queue, the storage upload and the platform API's request list, with fal's <c>Key</c> auth scheme, and the
    /// webhook keys (public, as fal's JWKS is). A
    /// request's status, result and cancel live under its app (<c>{owner}/{alias}</c>), not its endpoint id; a
    /// submit goes to the endpoint id itself, so the catch-all comes last.
    /// </summary>
    private TwinRouter RouteTable() => TwinReplies.RouterFor(this, _services, "Key", "No user found for Key ID and Secret")
        .Public("GET", "/.well-known/jwks.json", (context, _) => context.RespondJsonAsync(200, _signer.Jwks()))
        .On("POST", "/storage/upload/initiate", EndpointKind.Upload, (context, _) => InitiateUploadAsync(context))
        .On("GET", "/v1/models/requests/by-endpoint", EndpointKind.List, (context, call) => ListRequestsAsync(context, call.Key))
        .On("GET", "/{owner}/{alias}/requests/{id}/status", EndpointKind.Status, (context, call) => StatusAsync(context, AppOf(call), call["id"]))
        .On("GET", "/{owner}/{alias}/requests/{id}", EndpointKind.Status, (context, call) => ResultAsync(context, AppOf(call), call["id"]))
        .On("PUT", "/{owner}/{alias}/requests/{id}/cancel", EndpointKind.Cancel, (context, call) => CancelAsync(context, AppOf(call), call["id"]))
        .On("POST", "/{*endpoint}", EndpointKind.Submit, (context, call) => SubmitAsync(context, call["endpoint"], call.Key));

    private static string AppOf(RouteCall call) => call["owner"] + "/" + call["alias"];
}
