using Seedance.Providers;

namespace Seedance.Pricing;

/// <summary>Estimates what a task costs from the model's published prices, following what is actually sent.</summary>
public static class CostEstimator
{
    /// <summary>
    /// US dollars, rounded to the cent; null when the provider publishes no price for that resolution (or, with a
    /// reference video of <paramref name="referenceVideoSeconds"/> in all, none for requests with one).
    /// </summary>
    public static decimal? Estimate(ModelInfo model, int durationSeconds, string resolution, double? referenceVideoSeconds = null)
    {
        if (referenceVideoSeconds is not { } inputSeconds)
        {
            return model.PriceAt(resolution) is { } perSecond ? Cents(perSecond * durationSeconds) : null;
        }

        if (model.PriceWithReferenceVideo is not { } video || !video.PricePerSecond.TryGetValue(resolution, out var rate))
        {
            return null;
        }

        var billedSeconds = durationSeconds + (video.BillsInputSeconds ? (decimal)inputSeconds : 0m);
        return Cents(rate * billedSeconds);
    }

    private static decimal Cents(decimal dollars) => decimal.Round(dollars, 2, System.MidpointRounding.AwayFromZero);
}
