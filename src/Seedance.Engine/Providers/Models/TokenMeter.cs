namespace Seedance.Providers.Models;

/// <summary>
/// ByteDance's metering of Seedance, which Ark, fal and Atlas Cloud bill by: tokens = width x height x 24 fps x
/// seconds / 1024, at a price per million tokens. A per-second price is one second's tokens at that price, for the
/// frame size a provider renders each resolution at.
/// </summary>
internal sealed class TokenMeter
{
    private const decimal FramesPerSecond = 24m;
    private const decimal PixelsPerToken = 1024m;

    private readonly IReadOnlyDictionary<string, (int Width, int Height)> _frames;

    /// <param name="frames">The pixel size of each resolution's frames, as the provider's formula takes it.</param>
    public TokenMeter(params (string Resolution, int Width, int Height)[] frames) =>
        _frames = frames.ToDictionary(frame => frame.Resolution, frame => (frame.Width, frame.Height));

    public decimal TokensPerSecond(string resolution)
    {
        var (width, height) = _frames[resolution];
        return width * height * FramesPerSecond / PixelsPerToken;
    }

    /// <summary>Dollars per second at each of <paramref name="resolutions"/>, at <paramref name="dollarsPerMillionTokens"/>.</summary>
    public Dictionary<string, decimal> PerSecond(decimal dollarsPerMillionTokens, params string[] resolutions) =>
        resolutions.ToDictionary(resolution => resolution, resolution => TokensPerSecond(resolution) * dollarsPerMillionTokens / 1_000_000m);
}
