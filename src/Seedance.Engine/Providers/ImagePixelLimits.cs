using System.Globalization;

namespace Seedance.Providers;

/// <summary>
/// The pixel sizes a model takes for an input image, as its provider documents them: each side from
/// <see cref="MinSide"/> to <see cref="MaxSide"/>, and a width/height ratio strictly between
/// <see cref="MinAspect"/> and <see cref="MaxAspect"/>. Checked against a local image's header before anything is
/// sent; a URL is not fetched, so the provider judges that one itself.
/// </summary>
public sealed record ImagePixelLimits(int MinSide, int MaxSide, double MinAspect, double MaxAspect)
{
    public bool SidesFit(int width, int height) =>
        width >= MinSide && width <= MaxSide && height >= MinSide && height <= MaxSide;

    public bool AspectFits(int width, int height)
    {
        var aspect = width / (double)height;
        return aspect > MinAspect && aspect < MaxAspect;
    }

    public override string ToString() =>
        string.Format(CultureInfo.InvariantCulture, "sides of {0} to {1} px, width/height between {2} and {3}", MinSide, MaxSide, MinAspect, MaxAspect);
}
