using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Seedance.Emulator.Twins;

/// <summary>Lenient reads of a submit body's fields, as the providers are lenient (a duration may come as "8").</summary>
internal static class JsonFields
{
    public static string? Text(JsonObject body, string name) =>
        body[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>A number, or a string holding one; null when absent or not a number.</summary>
    public static int? Integer(JsonObject body, string name)
    {
        if (body[name] is not JsonValue value)
        {
            return null;
        }

        if (value.TryGetValue<string>(out var text))
        {
            return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
        }

        return value.GetValueKind() == JsonValueKind.Number ? (int)value.GetValue<double>() : null;
    }

    public static bool? Boolean(JsonObject body, string name) =>
        body[name] is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? value.GetValue<bool>() : null;

    public static JsonArray? Array(JsonObject body, string name) => body[name] as JsonArray;
}
