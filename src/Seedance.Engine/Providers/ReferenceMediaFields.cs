using System.Text.Json.Nodes;
using Seedance.Media;
using Seedance.Requests;

namespace Seedance.Providers;

/// <summary>The body fields a provider takes reference videos and audio in, each an array of URLs (or data: URIs), sent only when given.</summary>
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

    private static void AddIfAny(JsonObject body, string field, IReadOnlyList<PreparedClip> clips)
    {
        if (clips.Count > 0)
        {
            body[field] = new JsonArray(clips.Select(clip => (JsonNode)JsonValue.Create(clip.WireValue)!).ToArray());
        }
    }
}
