using System.Text.Json;
using System.Text.Json.Nodes;
using Seedance.Media;

namespace Seedance.Providers;

/// <summary>Small pieces every provider's wire mapping uses.</summary>
internal static class WireJson
{
    /// <summary>
    /// Adds the prepared -ExtraField values (the user's escape hatch for options the module does not model) to a
    /// body. They were checked against the provider's reserved fields; one the mapping set all the same (a mapping
    /// and its reserved list out of step) is refused here, before anything is sent, never overridden.
    /// </summary>
    public static void AddExtraFields(JsonObject body, IReadOnlyDictionary<string, string> extraFields)
    {
        foreach (var field in extraFields)
        {
            if (body.Any(existing => string.Equals(existing.Key, field.Key, StringComparison.OrdinalIgnoreCase)))
            {
                throw new SeedanceException(SeedanceErrorCategory.Validation, ErrorIds.ExtraFieldModelled,
                    $"-ExtraField '{field.Key}' would override a field the module sets itself. Leave it out, and use the parameter for it.")
                { ParameterName = "ExtraField" };
            }

            body[field.Key] = JsonNode.Parse(field.Value);
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

    /// <summary>The images' wire values (URLs or data: URIs) as a JSON array.</summary>
    public static JsonArray Urls(IEnumerable<PreparedImage> images) =>
        new(images.Select(image => (JsonNode?)JsonValue.Create(image.WireValue)).ToArray());

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
        SeedanceErrorCategory.Server, ErrorIds.UnexpectedResponse,
        $"{provider} answered the {call} without '{field}'. Its API may have changed; please report it with the -Verbose output.")
    { Provider = provider };
}
