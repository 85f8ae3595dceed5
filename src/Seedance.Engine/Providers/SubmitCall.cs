using System.Text.Json;
using System.Text.Json.Nodes;
using Seedance.Http;
using Seedance.Tasks;

namespace Seedance.Providers;

/// <summary>
/// The steps every provider's submit takes alike: post the body once as a submit call (the kind the HTTP core never
/// repeats where that could bill twice), then make the new task from the id the answer names.
/// </summary>
internal static class SubmitCall
{
    public static Task<ApiResponse> PostAsync(ProviderContext context, string path, JsonObject body, string purpose, CancellationToken cancellationToken) =>
        context.Http.SendAsync(new ApiRequest(HttpCallKind.Submit, HttpMethod.Post, context.Resolve(path))
        {
            JsonBody = body.ToJsonString(),
            Purpose = purpose,
        }, cancellationToken);

    /// <summary>
    /// The task a submit answer names in <paramref name="idField"/>, created now. An answer without an id means the
    /// provider's API has changed; the error names the field as the provider's documentation places it
    /// (<paramref name="shownAs"/>, e.g. <c>data.id</c> inside an envelope).
    /// </summary>
    public static VideoTask TaskId(JsonElement answer, string provider, string model, string idField = "id", string? shownAs = null, string call = "submit") =>
        new(answer.Text(idField) ?? throw WireJson.Missing(provider, shownAs ?? idField, call), provider, model)
        {
            CreatedAt = DateTimeOffset.UtcNow,
        };

    /// <summary>A submit path with the webhook URL in its query, for providers that take it there rather than in the body.</summary>
    public static string WithWebhook(string path, string queryName, Uri? webhook) =>
        webhook is null ? path : $"{path}?{queryName}={Uri.EscapeDataString(webhook.AbsoluteUri)}";
}
