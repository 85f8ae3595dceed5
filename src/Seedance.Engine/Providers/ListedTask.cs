using System.Text.Json;
using Seedance.Http;

namespace Seedance.Providers;

/// <summary>
/// A task as a provider's list shows it: its snapshot, and whatever the list echoes of the submit that made it.
/// Each echo is null when the provider's list does not show that field, so it can be neither matched nor ruled out.
/// </summary>
public sealed class ListedTask
{
    public ListedTask(VideoTask task) => Task = task;

    public VideoTask Task { get; }

    public string? Prompt { get; init; }

    public int? DurationSeconds { get; init; }

    public string? Resolution { get; init; }

    public string? AspectRatio { get; init; }

    /// <summary>The image fields as sent on the wire (URLs or data: URIs), first frame or references, then the last frame.</summary>
    public IReadOnlyList<string>? Images { get; init; }

    /// <summary>The client's own reference, where the provider takes one and shows it (Ark's safety_identifier).</summary>
    public string? ClientReference { get; init; }

    /// <summary>
    /// A listed task whose list shows the submit's input object (WaveSpeed's <c>inputs</c>, Replicate's <c>input</c>,
    /// fal's <c>json_input</c>): <c>prompt</c>, <c>duration</c> (a number or its text), <c>resolution</c>,
    /// <c>aspect_ratio</c>, and the images under <paramref name="imageFields"/> (each a URL or an array of them), in
    /// the order given. With no input shown (data removed, or never listed), nothing is echoed.
    /// </summary>
    internal static ListedTask Echoing(VideoTask task, JsonElement? input, params string[] imageFields)
    {
        if (input is not { ValueKind: JsonValueKind.Object } shown)
        {
            return new ListedTask(task);
        }

        return new ListedTask(task)
        {
            Prompt = shown.Text("prompt"),
            DurationSeconds = (int?)shown.Integer("duration"),
            Resolution = shown.Text("resolution"),
            AspectRatio = shown.Text("aspect_ratio"),
            Images = imageFields.SelectMany(field => shown.Node(field) is { ValueKind: JsonValueKind.Array } list ? list.EnumerateArray().Select(item => item.Text()) : new[] { shown.Text(field) })
                .OfType<string>()
                .ToList(),
        };
    }
}
