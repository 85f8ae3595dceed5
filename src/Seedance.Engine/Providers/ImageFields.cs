using System.Text.Json.Nodes;
using Seedance.Requests;

namespace Seedance.Providers;

/// <summary>
/// The body fields a provider names a request's images by. Which of them a request fills follows from the model
/// (<see cref="ModelInfo.TakesAsReferences"/>): the reference array, or the first frame; the last frame goes in its
/// own field where the provider has one (validation has already refused it where the model takes none).
/// </summary>
internal sealed class ImageFields
{
    private readonly string? _firstFrame;
    private readonly string? _references;
    private readonly string? _lastFrame;

    public ImageFields(string? firstFrame, string? references, string? lastFrame)
    {
        _firstFrame = firstFrame;
        _references = references;
        _lastFrame = lastFrame;
    }

    public void AddTo(JsonObject body, PreparedRequest request)
    {
        // Images that are references go in the array; a model that takes nothing but references gets it even empty
        // (fal's reference endpoints take a prompt alone).
        if (request.ImagesAreReferences && (request.Images.Count > 0 || request.Model.ImageHandling == ImageUse.References))
        {
            AddIfNamed(body, _references, WireJson.Urls(request.Images));
        }
        else if (request.Images.Count > 0)
        {
            AddIfNamed(body, _firstFrame, request.Images[0].WireValue);
        }

        if (request.LastImage is { } last)
        {
            AddIfNamed(body, _lastFrame, last.WireValue);
        }
    }

    private static void AddIfNamed(JsonObject body, string? field, JsonNode value)
    {
        if (field is not null)
        {
            body[field] = value;
        }
    }
}
