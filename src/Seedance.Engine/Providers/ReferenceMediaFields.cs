using System.Text.Json.Nodes;
using Seedance.Requests;

namespace Seedance.Providers;

/// <summary>The body fields a provider takes reference videos and audio in, each an array of URLs, sent only when given.</summary>
internal sealed class ReferenceMediaFields
{
    private readonly string _videos;
    private readonly string _audios;

    public ReferenceMediaFields(string videos, string audios)
    {
        _videos = videos;
        _audios = audios;
    }

    public void AddTo(JsonObject body, PreparedRequest request)
    {
        AddIfAny(body, _videos, request.ReferenceVideos);
        AddIfAny(body, _audios, request.ReferenceAudios);
    }

    private static void AddIfAny(JsonObject body, string field, IReadOnlyList<string> urls)
    {
        if (urls.Count > 0)
        {
            body[field] = new JsonArray(urls.Select(url => (JsonNode)JsonValue.Create(url)!).ToArray());
        }
    }
}
