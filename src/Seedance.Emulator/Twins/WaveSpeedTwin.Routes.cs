using System.Text.Json.Nodes;
using Seedance.Emulator.Routing;
using Seedance.Emulator.Server;

namespace Seedance.Emulator.Twins;

internal sealed partial class WaveSpeedTwin
{
    public TwinRouter Routes { get; }

    /// <summary>
    /// WaveSpeed's v3 API. A submit goes to the model's own path, so the catch-all comes last: every other
    /// POST under <c>/api/v3/</c> is taken first.
    /// </summary>
    // The docs: 401 is an invalid key or one not activated yet (new accounts activate with a top-up).
    private TwinRouter RouteTable() => TwinReplies.RouterFor(this, _services, "Bearer", "Unauthorized: invalid or unactivated API key. New keys are activated by topping up the account.")
        .On("POST", "/api/v3/media/uploads", EndpointKind.Upload, (context, _) => UploadTicketAsync(context))
        .On("POST", "/api/v3/media/upload/binary", EndpointKind.Upload, (context, _) => UploadBinaryAsync(context))
        .On("POST", "/api/v3/model/price", EndpointKind.Other, (context, _) => PriceAsync(context))
        .On("POST", "/api/v3/predictions", EndpointKind.List, (context, call) => HistoryAsync(context, call.Key))
        .On("GET", "/api/v3/account/balance", EndpointKind.Other, (context, _) => context.RespondEnvelopeAsync(new JsonObject { ["balance"] = StartingBalance, ["currency"] = "USD" }))
        .On("GET", "/api/v3/webhook/secret", EndpointKind.Other, (context, call) => context.RespondEnvelopeAsync(new JsonObject { ["secret"] = SecretOf(call.Key) }))
        .On("GET", "/api/v3/predictions/{id}", EndpointKind.Status, (context, call) => StatusAsync(context, call["id"]))
        .On("GET", "/api/v3/predictions/{id}/result", EndpointKind.Status, (context, call) => StatusAsync(context, call["id"]))
        .On("DELETE", "/api/v3/predictions/{id}", EndpointKind.Cancel, (context, call) => DeleteAsync(context, call["id"]))
        .On("POST", "/api/v3/{*model}", EndpointKind.Submit, (context, call) => SubmitAsync(context, call["model"], call.Key));
}
