using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Seedance.Providers;

/// <summary>Small pieces every provider's wire mapping uses.</summary>
internal static class WireJson
{
    /// <summary>Copies -ExtraField values into a body, overriding mapped fields (the user's escape hatch).</summary>
    public static void AddExtraFields(JsonObject body, IDictionary<string, object?> extraFields)
    {
        foreach (var field in extraFields)
        {
            body[field.Key] = field.Value is null ? null : JsonSerializer.SerializeToNode(field.Value, field.Value.GetType());
        }
    }

    /// <summary>Sets a field only when the user chose a value, so the provider's own default applies otherwise.</summary>
    public static void AddIfSet(JsonObject body, string name, JsonNode? value)
    {
        if (value is not null)
        {
            body[name] = value;
        }
    }

    public static JsonElement? TryParse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static bool Mentions(string? text, params string[] words) =>
        text is not null && words.Any(word => text.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0);

    public static SeedanceException Missing(string provider, string field, string call) => new(
        SeedanceErrorCategory.Server, "UnexpectedResponse",
        $"{provider} answered the {call} without '{field}'. Its API may have changed; please report it with the -Verbose output.")
    { Provider = provider };
}
