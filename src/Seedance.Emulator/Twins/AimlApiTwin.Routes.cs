using System.Text.Json.Nodes;
using Seedance.Emulator.Routing;

namespace Seedance.Emulator.Twins;

internal sealed partial class AimlApiTwin
{
    public TwinRouter Routes { get; }

    /// <summary>
    /// The universal video API, the legacy vendor path (whose create answers 201) and the simplified
    /// shape of AI/ML API's Seedance guide. The legacy path's status comes before the guide's <c>{id}</c>, which it would also fit.
    /// </summary>
    private TwinRouter RouteTable() => new TwinRouter(
            context => context.Credential("Bearer"),
            _services.Accepts,
            context => Error(context, 401, "This request requires a valid API key. You can create a new API key on the Billing page: https://aimlapi.com/app/keys"),
            context => Error(context, 404, $"Cannot {context.Method} {context.Path}"))
        .On("POST", Generations, EndpointKind.Submit, (context, call) => SubmitAsync(context, call.Key, Validate, Created, 200))
        .On("GET", Generations, EndpointKind.Status, (context, _) => StatusAsync(context))
        .On("POST", "/v2/generate/video/bytedance/generation", EndpointKind.Submit, (context, call) => SubmitAsync(context, call.Key, Validate, Created, 201))
        .On("GET", "/v2/generate/video/bytedance/generation", EndpointKind.Status, (context, _) => StatusAsync(context))
        .On("POST", "/v2/generate/video", EndpointKind.Submit, (context, call) => SubmitAsync(context, call.Key, ValidateSeedanceGuideRequest, task => new JsonObject { ["task_id"] = task.Id }, 200))
        .On("GET", "/v2/generate/video/{id}", EndpointKind.Status, (context, call) => SimplifiedStatusAsync(context, call["id"]));
}
