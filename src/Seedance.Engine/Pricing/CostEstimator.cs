using Seedance.Providers;

namespace Seedance.Pricing;

/// <summary>Estimates what a task costs from the model's published per-second price.</summary>
public static class CostEstimator
{
    /// <summary>US dollars, rounded to the cent; null when the provider publishes no price for that resolution.</summary>
    public static decimal? Estimate(ModelInfo model, int durationSeconds, string resolution) =>
        model.PriceAt(resolution) is { } perSecond
            ? decimal.Round(perSecond * durationSeconds, 2, System.MidpointRounding.AwayFromZero)
            : null;
}
