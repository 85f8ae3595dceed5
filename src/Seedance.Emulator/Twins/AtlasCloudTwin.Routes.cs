using Seedance.Emulator.Routing;
using Seedance.Emulator.Server;

namespace Seedance.Emulator.Twins;

internal sealed partial class AtlasCloudTwin
{
    public TwinRouter Routes { get; }

    /// <summary>Atlas Cloud's model API: submit, poll, upload; there is no cancel.</summary>
    private TwinRouter RouteTable() => TwinReplies.RouterFor(this, _services, "Bearer", "Unauthorized: invalid or missing API key")
        .On("POST", "/api/v1/model/generateVideo", EndpointKind.Submit, (context, call) => SubmitAsync(context, call.Key))
        .On("GET", "/api/v1/model/prediction/{*id}", EndpointKind.Status, (context, call) => StatusAsync(context, call["id"]))
        .On("POST", "/api/v1/model/uploadMedia", EndpointKind.Upload, (context, _) => UploadAsync(context));
}
