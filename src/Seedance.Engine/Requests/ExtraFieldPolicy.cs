using System.Collections;
using System.Globalization;
using System.Text.Json.Nodes;
using Seedance.Providers;

namespace Seedance.Requests;

/// <summary>
/// Readies -ExtraField values for the wire while the request is prepared, before anything is sent: a field the
/// provider's mapping owns is refused with the parameter to use instead (an override would send something other
/// than what was validated, priced, shown and journalled), and every value must be plain JSON data.
/// </summary>
public static class ExtraFieldPolicy
{
    /// <summary>As deep as System.Text.Json nests by default; deeper is almost surely a hashtable that holds itself.</summary>
    private const int MaxDepth = 64;

    /// <summary>The fields as JSON text by name, in the order given.</summary>
    public static IReadOnlyDictionary<string, string> Prepare(ProviderInfo provider, ModelInfo model, IDictionary<string, object?> fields)
    {
        var prepared = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            if (provider.ReservedFields.ParameterFor(field.Key) is { } parameter)
            {
                throw Invalid(ErrorIds.ExtraFieldModelled, $"-ExtraField '{field.Key}' would override what the module sends to {provider.Name} for -{parameter}. Use -{parameter} instead, so that what is estimated, shown, returned and journalled is what is sent.");
            }

            if (provider.ReservedFields.ReasonFor(field.Key) is { } reason)
            {
                throw Invalid(ErrorIds.ExtraFieldUnchecked, $"-ExtraField '{field.Key}' {reason}. Leave it out.");
            }

            if (model.FieldsRefused.TryGetValue(field.Key, out var refusal))
            {
                throw new SeedanceException(SeedanceErrorCategory.Validation, ErrorIds.ParameterNotSupported,
                    $"-ExtraField '{field.Key}' is not taken by {model.Provider} model {model.Id}: {refusal}. Leave it out, or use a model that takes it: {ProviderCatalog.ModelsThat(other => other.Provider == model.Provider && !other.FieldsRefused.ContainsKey(field.Key))}.")
                { ParameterName = "ExtraField" };
            }

            prepared[field.Key] = ToJson(field.Key, field.Value, 0)?.ToJsonString() ?? "null";
        }

        return prepared;
    }

    private static JsonNode? ToJson(string name, object? value, int depth)
    {
        if (depth > MaxDepth)
        {
            throw Invalid(ErrorIds.ExtraFieldValueNotJson, $"-ExtraField '{name}' nests more than {MaxDepth} levels deep (does a hashtable in it contain itself?). Give plain data: strings, numbers, booleans, $null, and arrays or hashtables of those.");
        }

        switch (value)
        {
            case null:
                return null;
            case string or char:
                return JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture));
            case bool flag:
                return JsonValue.Create(flag);
            case byte or sbyte or short or ushort or int or uint or long:
                return JsonValue.Create(Convert.ToInt64(value, CultureInfo.InvariantCulture));
            case ulong large:
                return JsonValue.Create(large);
            case decimal exact:
                return JsonValue.Create(exact);
            case float or double:
                var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                return double.IsNaN(number) || double.IsInfinity(number)
                    ? throw Invalid(ErrorIds.ExtraFieldValueNotJson, $"-ExtraField '{name}' holds {number.ToString(CultureInfo.InvariantCulture)}, which JSON cannot carry. Give a finite number.")
                    : JsonValue.Create(number);
            case IDictionary dictionary:
                var members = new JsonObject();
                foreach (DictionaryEntry entry in dictionary)
                {
                    members[Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty] = ToJson(name, entry.Value, depth + 1);
                }

                return members;
            case IEnumerable items:
                var array = new JsonArray();
                foreach (var item in items)
                {
                    array.Add(ToJson(name, item, depth + 1));
                }

                return array;
            default:
                throw Invalid(ErrorIds.ExtraFieldValueNotJson, $"-ExtraField '{name}' holds a {value.GetType().FullName}, which has no JSON form a provider would read. Give plain data: strings, numbers, booleans, $null, and arrays or hashtables of those.");
        }
    }

    private static SeedanceException Invalid(string errorId, string message) =>
        new(SeedanceErrorCategory.Validation, errorId, message) { ParameterName = "ExtraField" };
}
