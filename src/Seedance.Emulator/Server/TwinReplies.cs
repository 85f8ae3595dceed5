using System.Globalization;
using System.Text.Json.Nodes;
using Seedance.Emulator.Routing;
using Seedance.Emulator.Tasks;
using Seedance.Emulator.Twins;

namespace Seedance.Emulator.Server;

/// <summary>Answers more than one twin gives in the same shape.</summary>
internal static class TwinReplies
{
    /// <summary>200 with <c>{code: 200, message: "success", data}</c>, the envelope of WaveSpeed-style gateways.</summary>
    public static Task RespondEnvelopeAsync(this EmulatorContext context, JsonNode data) =>
        context.RespondJsonAsync(200, new JsonObject { ["code"] = 200, ["message"] = "success", ["data"] = data });

    /// <summary>An error status with the twin's own error body.</summary>
    public static Task RespondErrorAsync(this EmulatorContext context, IProviderTwin twin, int status, string message) =>
        context.RespondJsonAsync(status, twin.ErrorBody(status, message));

    /// <summary>
    /// A route table for a twin that answers a refused key (401) and a path no route takes (404) in its own error
    /// body, the key read in <paramref name="authScheme"/>.
    /// </summary>
    public static TwinRouter RouterFor(IProviderTwin twin, EmulatorServices services, string authScheme, string unauthorizedMessage) =>
        new(context => context.Credential(authScheme), services.Accepts, context => context.RespondErrorAsync(twin, 401, unauthorizedMessage), context => context.RespondNotFoundAsync(twin));

    /// <summary>404 with the twin's own error body, for a path no route takes or a model the twin does not serve.</summary>
    public static Task RespondNotFoundAsync(this EmulatorContext context, IProviderTwin twin) =>
        context.RespondErrorAsync(twin, 404, "Not Found");

    /// <summary>
    /// The task <paramref name="id"/> as a status request sees it (observing moves it on), when it is one of this
    /// twin's provider; otherwise a 404 with <paramref name="notFoundMessage"/> in the twin's error body, and null.
    /// </summary>
    public static async Task<EmulatedTask?> ObserveTaskAsync(this EmulatorContext context, IProviderTwin twin, EmulatedTaskStore tasks, string id, string notFoundMessage)
    {
        var task = tasks.Observe(id);
        if (task is null || task.Spec.Provider != twin.Provider)
        {
            await context.RespondErrorAsync(twin, 404, notFoundMessage).ConfigureAwait(false);
            return null;
        }

        return task;
    }

    /// <summary>A UTC time to the millisecond, as <c>2026-08-21T09:30:00.123Z</c>.</summary>
    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
