using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Seedance.Emulator.Recording;

/// <summary>
/// What a record keeps of a body or query: never a credential, and not megabytes of inline image. Known secrets
/// (the key the emulator requires, the credential the request carried) are masked wherever they appear, fields
/// and parameters named like secrets are masked whatever they hold, and data: URIs keep only their media type
/// and size.
/// </summary>
internal static class SecretMask
{
    public const string Masked = "****";

    /// <summary>Longer bodies are cut here: a record is for asserting on, not for archiving.</summary>
    public const int MaxBodyCharacters = 8192;

    /// <summary>The last word of a name says whether it holds a secret: api_key, apiKey, access_token, webhook_secret.</summary>
    private static readonly HashSet<string> SecretWords = new(StringComparer.OrdinalIgnoreCase) { "key", "token", "secret", "password", "authorization", "signature" };

    /// <summary>The words of a name written in snake_case, kebab-case or camelCase.</summary>
    private static readonly Regex Words = new("[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])", RegexOptions.CultureInvariant);

    /// <summary>A record is read by people and tests, never put in a web page, so '&lt;' and '+' stay as they are.</summary>
    private static readonly JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly Regex DataUri = new(@"data:([\w.+\-]+/[\w.+\-]+)?(;[\w\-]+=[^;,""]*)*;base64,([A-Za-z0-9+/=]+)", RegexOptions.CultureInvariant);

    /// <summary>True for a field or parameter name that holds a secret.</summary>
    public static bool IsSecretName(string name)
    {
        var words = Words.Matches(name);
        return words.Count > 0 && SecretWords.Contains(words[words.Count - 1].Value);
    }

    /// <summary>
    /// A request body as a record keeps it. An upload (a multipart form, or the bare bytes of an image, video or
    /// audio file) is kept as its type and size in bytes: it is never decoded as text, which would cost a pass over
    /// megabytes and give a wrong size.
    /// </summary>
    public static string Body(byte[] body, string? contentType, IEnumerable<string?> secrets)
    {
        if (body.Length == 0)
        {
            return string.Empty;
        }

        var mediaType = contentType?.Split(';')[0].Trim();
        return mediaType is not null && CarriesFiles(mediaType)
            ? $"<{mediaType}, {body.Length} bytes>"
            : Body(System.Text.Encoding.UTF8.GetString(body), contentType, secrets);
    }

    /// <summary>A text body (a request's JSON, a webhook's payload) as a record keeps it.</summary>
    public static string Body(string body, string? contentType, IEnumerable<string?> secrets)
    {
        if (body.Length == 0)
        {
            return string.Empty;
        }

        // JSON is masked field by field (its writer may escape a data: URI's '+' and '/'); other text by pattern.
        var text = MaskJsonFields(body) ?? ShortenDataUris(body);
        text = MaskKnown(text, secrets);
        return text.Length <= MaxBodyCharacters ? text : text.Substring(0, MaxBodyCharacters) + $"... ({text.Length - MaxBodyCharacters} more characters)";
    }

    private static bool CarriesFiles(string mediaType) =>
        mediaType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase)
        || mediaType.StartsWith("image/", StringComparison.OrdinalIgnoreCase)
        || mediaType.StartsWith("video/", StringComparison.OrdinalIgnoreCase)
        || mediaType.StartsWith("audio/", StringComparison.OrdinalIgnoreCase)
        || string.Equals(mediaType, "application/octet-stream", StringComparison.OrdinalIgnoreCase);

    /// <summary>A query string (without '?') with secret-named parameters and known secrets masked.</summary>
    public static string Query(string query, IEnumerable<string?> secrets)
    {
        if (query.Length == 0)
        {
            return string.Empty;
        }

        var pairs = query.Split('&').Select(pair =>
        {
            var equals = pair.IndexOf('=');
            var name = Uri.UnescapeDataString(equals < 0 ? pair : pair.Substring(0, equals));
            return equals >= 0 && IsSecretName(name) ? pair.Substring(0, equals + 1) + Masked : pair;
        });
        return MaskKnown(string.Join("&", pairs), secrets);
    }

    private static string MaskKnown(string text, IEnumerable<string?> secrets)
    {
        foreach (var secret in secrets.Where(secret => !string.IsNullOrEmpty(secret)).Distinct())
        {
            text = text.Replace(secret!, Masked).Replace(Uri.EscapeDataString(secret!), Masked);
        }

        return text;
    }

    private static string ShortenDataUris(string text) =>
        DataUri.Replace(text, match => $"data:{match.Groups[1].Value};base64,<{match.Groups[3].Length} characters>");

    /// <summary>The body with secret-named fields masked and data: URIs shortened; null when it is not JSON.</summary>
    private static string? MaskJsonFields(string body)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }

        if (root is null || !MaskNode(root))
        {
            return body;
        }

        return root.ToJsonString(Readable);
    }

    /// <summary>A string value with its data: URIs shortened; null when it is not a string or has none.</summary>
    private static string? Shortened(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue(out string? text) && ShortenDataUris(text) is var shortened && shortened != text ? shortened : null;

    /// <summary>Masks secret-named fields and shortens data: URIs below <paramref name="node"/>; true when anything changed.</summary>
    private static bool MaskNode(JsonNode node)
    {
        var changed = false;
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(property => property.Key).ToList())
                {
                    if (obj[name] is JsonValue && IsSecretName(name))
                    {
                        obj[name] = Masked;
                        changed = true;
                    }
                    else if (Shortened(obj[name]) is { } shortened)
                    {
                        obj[name] = shortened;
                        changed = true;
                    }
                    else if (obj[name] is { } child)
                    {
                        changed |= MaskNode(child);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (Shortened(array[i]) is { } shortened)
                    {
                        array[i] = shortened;
                        changed = true;
                    }
                    else if (array[i] is { } item)
                    {
                        changed |= MaskNode(item);
                    }
                }

                break;
        }

        return changed;
    }
}
