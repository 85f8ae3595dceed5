namespace Seedance.Providers.Models;

/// <summary>
/// Per-second prices, by resolution, worked out from the figure a provider publishes, so that a catalogue states
/// the published figure and the formula rather than a result computed by hand.
/// </summary>
internal static class Prices
{
    /// <summary>No price is published, so estimates say so and -MaxCost refuses rather than guess.</summary>
    public static IReadOnlyDictionary<string, decimal> NotPublished { get; } = new Dictionary<string, decimal>();

    /// <summary>A price per second as the provider publishes it.</summary>
    public static Dictionary<string, decimal> Published(string resolution, decimal dollarsPerSecond) =>
        new() { [resolution] = dollarsPerSecond };

    /// <summary>
    /// A price published (or a charge shown) for a whole clip, e.g. "$0.80 per 5 s": the dollars over the clip's
    /// seconds.
    /// </summary>
    public static Dictionary<string, decimal> PerClip(string resolution, decimal dollars, int seconds) =>
        Published(resolution, dollars / seconds);

    /// <summary>Adds a price the provider publishes beside those worked out from its token price.</summary>
    public static Dictionary<string, decimal> AndPublished(this Dictionary<string, decimal> prices, string resolution, decimal dollarsPerSecond) =>
        new(prices) { [resolution] = dollarsPerSecond };

    /// <summary>The prices rounded to <paramref name="decimals"/> places, as the provider rounds the ones it shows.</summary>
    public static Dictionary<string, decimal> RoundedTo(this Dictionary<string, decimal> prices, int decimals) =>
        prices.ToDictionary(price => price.Key, price => decimal.Round(price.Value, decimals, MidpointRounding.AwayFromZero));
}
