using System.Text.RegularExpressions;
using Seedance.Emulator.Files;
using Seedance.Emulator.Media;
using Seedance.Emulator.Media.Motion;

namespace Seedance.Emulator.Tasks;

/// <summary>
/// The video a task's request asks for: the model's frame size for its resolution and ratio, 24 fps, its duration,
/// audio as requested, and one shot per reference image or per "Shot N:" line of the prompt, each opening on its
/// image (or a card with the prompt's first words) and moving as its camera words say.
/// </summary>
public static class TaskVideo
{
    public const int FramesPerSecond = 24;

    // The multi-shot form the module composes: "prompt\nShot 1: ...\nShot 2: ...".
    private static readonly Regex ShotLine = new(@"^\s*Shot\s+\d+\s*:\s*(?<text>.*)$", RegexOptions.Multiline | RegexOptions.CultureInvariant);

    // Prompt markers script the emulator (#fail, #latency=500); a card should not show them.
    private static readonly Regex Marker = new(@"#\w+(?:=\S*)?", RegexOptions.CultureInvariant);

    /// <param name="seed">Chooses the pattern behind cards, so different tasks look different.</param>
    /// <param name="stored">The bytes behind a URL of the emulator's own storage (an uploaded image), or null.</param>
    public static SyntheticVideoSpec SpecFor(EmulatedTaskSpec request, int seed, Func<string, byte[]?> stored)
    {
        var images = request.Images.Select(source => ReadImage(source, stored)).ToList();
        var shotTexts = ShotLine.Matches(request.Prompt).Cast<Match>().Select(match => match.Groups["text"].Value.Trim()).ToList();
        var prompt = Marker.Replace(ShotLine.Replace(request.Prompt, string.Empty), string.Empty).Trim();
        var wholeMove = CameraWords.Read(prompt, request.CameraFixed);

        var first = images.Count > 0 && images[0] is { } bytes ? ImageDimensions.Of(bytes) : null;
        var (width, height) = VideoDimensions.For(request.Model, request.Resolution, request.AspectRatio, first);
        var spec = new SyntheticVideoSpec
        {
            Width = width,
            Height = height,
            FramesPerSecond = FramesPerSecond,
            DurationSeconds = request.DurationSeconds,
            Seed = seed,
            IncludeAudio = request.Audio,
        };

        int shots = Math.Max(1, Math.Max(images.Count, shotTexts.Count));
        for (int shot = 0; shot < shots; shot++)
        {
            string? text = shot < shotTexts.Count ? Marker.Replace(shotTexts[shot], string.Empty).Trim() : null;
            spec.Shots.Add(new VideoShot
            {
                Image = images.Count > 0 ? images[Math.Min(shot, images.Count - 1)] : null,
                Caption = string.IsNullOrEmpty(text) ? prompt : text,
                Camera = CameraWords.Read(text, request.CameraFixed, otherwise: wholeMove),
            });
        }

        return spec;
    }

    /// <summary>An image a provider could read without the network: a data: URI's content, or what <paramref name="stored"/> holds.</summary>
    public static byte[]? ReadImage(string source, Func<string, byte[]?> stored)
    {
        if (!source.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            return stored(source);
        }

        int comma = source.IndexOf(',');
        if (comma < 0 || source.IndexOf(";base64", 0, comma, StringComparison.OrdinalIgnoreCase) < 0)
        {
            return null;
        }

        try
        {
            return Convert.FromBase64String(source.Substring(comma + 1));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
