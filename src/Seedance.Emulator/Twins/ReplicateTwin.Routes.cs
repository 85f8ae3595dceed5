using Seedance.Emulator.Routing;

namespace Seedance.Emulator.Twins;

internal sealed partial class ReplicateTwin
{
    public TwinRouter Routes { get; }

    /// <summary>Replicate's HTTP API v1; "Token" is its older auth scheme word, still accepted.</summary>
    private TwinRouter RouteTable() => new TwinRouter(
            context => context.Credential("Bearer") ?? context.Credential("Token"),
            _services.Accepts,
            context => Problem(context, 401, "You did not pass a valid authentication token"),
            NotFound)
        .On("POST", "/models/{owner}/{name}/predictions", EndpointKind.Submit, (context, call) => CreateAsync(context, call.Key, ReplicateModelSchema.Find($"{call["owner"]}/{call["name"]}")))
        .On("POST", "/predictions", EndpointKind.Submit, (context, call) => CreateAsync(context, call.Key, schema: null))
        .On("GET", "/predictions", EndpointKind.List, (context, call) => ListPredictionsAsync(context, call.Key))
        .On("GET", "/predictions/{id}", EndpointKind.Status, (context, call) => GetAsync(context, call.Key, call["id"]))
        .On("POST", "/predictions/{id}/cancel", EndpointKind.Cancel, (context, call) => CancelAsync(context, call.Key, call["id"]))
        .On("POST", "/files", EndpointKind.Upload, (context, call) => UploadAsync(context, call.Key))
        .On("GET", "/files", EndpointKind.List, (context, call) => ListFilesAsync(context, call.Key))
        .On("GET", "/files/{id}", EndpointKind.Other, (context, call) => FileAsync(context, call.Key, call["id"]))
        .On("DELETE", "/files/{id}", EndpointKind.Other, (context, call) => FileAsync(context, call.Key, call["id"]))
        .On("GET", "/webhooks/default/secret", EndpointKind.Other, (context, _) => WebhookSecretAsync(context));
}
