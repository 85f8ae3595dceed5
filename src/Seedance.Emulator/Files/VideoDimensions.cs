using System.Globalization;
using System.Text.RegularExpressions;

namespace Seedance.Emulator.Files;

/// <summary>
/// The pixel size Seedance renders for a resolution and aspect ratio. The model decides it, whichever provider
/// sells the model, so one table serves every twin; the 1.0 models use other sizes than 1.5 and 2.x. "adaptive"
/// or no ratio takes the listed ratio nearest the first image's, or 16:9 without one.
/// </summary>
/// <remarks>
/// From the frame-size tables of ByteDance's Ark documentation (providers.md): the 1.0 table whole (section 3.3);
/// for 1.5 and 2.x the documented 1280x720 and 1920x1080 (3.3), 864x496 and 1112x834 (8.1), 640x640 and 834x1112
/// (1.3, AI/ML API's bounds for reference videos, "about 480p" and "about 720p"), the portrait sizes as their
/// transposes, and the rest from the same Ark table for 1.5 Pro, which keeps each resolution's pixel count. Checked
/// against providers.md: every size it gives is the one here.
/// 4k (2.0 standard on AI/ML API) is 3840x2160 at 16:9, scaled to the same area for other ratios.
/// </remarks>
public static class VideoDimensions
{
    private static readonly string[] Ratios = { "16:9", "4:3", "1:1", "3:4", "9:16", "21:9" };

    private static readonly Dictionary<string, (int Width, int Height)[]> Seedance2 = new(StringComparer.OrdinalIgnoreCase)
    {
        ["480p"] = new[] { (864, 496), (752, 560), (640, 640), (560, 752), (496, 864), (992, 432) },
        ["720p"] = new[] { (1280, 720), (1112, 834), (960, 960), (834, 1112), (720, 1280), (1470, 630) },
        ["1080p"] = new[] { (1920, 1080), (1664, 1248), (1440, 1440), (1248, 1664), (1080, 1920), (2206, 946) },
        ["4k"] = new[] { (3840, 2160), (3326, 2494), (2880, 2880), (2494, 3326), (2160, 3840), (4400, 1886) },
    };

    private static readonly Dictionary<string, (int Width, int Height)[]> Seedance1 = new(StringComparer.OrdinalIgnoreCase)
    {
        ["480p"] = new[] { (864, 480), (736, 544), (640, 640), (544, 736), (480, 864), (960, 416) },
        ["720p"] = new[] { (1248, 704), (1120, 832), (960, 960), (832, 1120), (704, 1248), (1504, 640) },
        ["1080p"] = new[] { (1920, 1088), (1664, 1248), (1440, 1440), (1248, 1664), (1088, 1920), (2176, 928) },
    };

    private static readonly Regex FirstGeneration = new(@"seedance(?:-1-0|-1-pro|-1-lite|/v1/)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>The size a Seedance 2.x model renders, with 16:9 for an adaptive or missing ratio.</summary>
    public static (int Width, int Height) For(string? resolution, string? aspectRatio) => For(null, resolution, aspectRatio, null);

    /// <param name="model">The model id as the provider spells it; only whether it is a 1.0 model matters.</param>
    /// <param name="firstImage">The first image's pixel size, which an adaptive or missing ratio follows.</param>
    public static (int Width, int Height) For(string? model, string? resolution, string? aspectRatio, (int Width, int Height)? firstImage)
    {
        var table = model is not null && FirstGeneration.IsMatch(model) ? Seedance1 : Seedance2;
        if (resolution is null || !table.TryGetValue(resolution.Trim(), out var sizes))
        {
            sizes = table["720p"];
        }

        var index = Array.IndexOf(Ratios, aspectRatio?.Trim());
        return sizes[index >= 0 ? index : Nearest(firstImage)];
    }

    /// <summary>The listed ratio closest to the image's (on a log scale, so 2:1 and 1:2 are equally far from 1:1).</summary>
    private static int Nearest((int Width, int Height)? image)
    {
        if (image is not { Width: > 0, Height: > 0 } size)
        {
            return 0;
        }

        var wanted = Math.Log(size.Width / (double)size.Height);
        var best = 0;
        for (var i = 1; i < Ratios.Length; i++)
        {
            if (Math.Abs(Math.Log(RatioOf(i)) - wanted) < Math.Abs(Math.Log(RatioOf(best)) - wanted))
            {
                best = i;
            }
        }

        return best;
    }

    private static double RatioOf(int index)
    {
        var parts = Ratios[index].Split(':');
        return int.Parse(parts[0], CultureInfo.InvariantCulture) / (double)int.Parse(parts[1], CultureInfo.InvariantCulture);
    }
}
