using System.Globalization;
using System.Text.Json;

namespace Seedance.Http;

/// <summary>
/// Tolerant reads of provider JSON by path: a missing or null field reads as null, never as an exception,
/// because providers add, drop and retype fields between versions.
/// </summary>
public static class JsonReading
{
    public static JsonElement? Node(this JsonElement element, params string[] path)
    {
        var current = element;
        foreach (var name in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
            {
                return null;
            }
        }

        return current.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined ? null : current;
    }

    /// <summary>A string field, or a number/bool field as its text; null when absent or empty.</summary>
    public static string? Text(this JsonElement element, params string[] path)
    {
        if (element.Node(path) is not { } node)
        {
            return null;
        }

        var text = node.ValueKind switch
        {
            JsonValueKind.String => node.GetString(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => node.GetRawText(),
            _ => null,
        };
        return string.IsNullOrEmpty(text) ? null : text;
    }

    public static long? Integer(this JsonElement element, params string[] path)
    {
        var node = element.Node(path);
        if (node is { ValueKind: JsonValueKind.Number } number && number.TryGetDouble(out var value))
        {
            return (long)value;
        }

        return long.TryParse(node?.ValueKind == JsonValueKind.String ? node.Value.GetString() : null, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
    }

    public static decimal? Decimal(this JsonElement element, params string[] path)
    {
        var node = element.Node(path);
        return node is { ValueKind: JsonValueKind.Number } number && number.TryGetDecimal(out var value) ? value : null;
    }

    public static IEnumerable<JsonElement> Items(this JsonElement element, params string[] path)
    {
        if (element.Node(path) is { ValueKind: JsonValueKind.Array } array)
        {
            foreach (var item in array.EnumerateArray())
            {
                yield return item;
            }
        }
    }

    /// <summary>An ISO 8601 string or a Unix timestamp in seconds.</summary>
    public static DateTimeOffset? Time(this JsonElement element, params string[] path)
    {
        var node = element.Node(path);
        if (node is { ValueKind: JsonValueKind.Number } number && number.TryGetInt64(out var seconds))
        {
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        }

        return DateTimeOffset.TryParse(node?.ValueKind == JsonValueKind.String ? node.Value.GetString() : null, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;
    }

    /// <summary>
    /// An absolute http(s) URL field; null when absent or not such a URL, so a provider's malformed link reads as no
    /// link (and is reported as such) rather than as an exception. Other schemes are refused too: on Unix a bare
    /// path such as "/videos/1.mp4" parses as an absolute file: URI.
    /// </summary>
    public static Uri? Url(this JsonElement element, params string[] path) =>
        Uri.TryCreate(element.Text(path), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) ? uri : null;

    /// <summary>The first non-empty string of an array field, read as by <see cref="Url"/>; null when there is none.</summary>
    public static Uri? FirstUrl(this JsonElement element, params string[] path) =>
        element.Items(path).FirstOrDefault(item => item.ValueKind == JsonValueKind.String && item.GetString() is { Length: > 0 }) is { ValueKind: JsonValueKind.String } first
            ? first.Url()
            : null;
}
