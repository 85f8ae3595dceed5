using System;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
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

    /// <summary>A UTC time to the millisecond, as <c>2026-08-21T09:30:00.123Z</c>.</summary>
    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
