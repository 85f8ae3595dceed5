using Seedance.Providers;

namespace Seedance.Pricing;

/// <summary>What one task costs and where that figure comes from, so a total can be audited.</summary>
public sealed record TaskPrice
{
    private TaskPrice(decimal? amount, string source)
    {
        Amount = amount;
        Source = source;
    }

    /// <summary>US dollars; null when nothing prices the task.</summary>
    public decimal? Amount { get; }

    /// <summary>Where <see cref="Amount"/> comes from, in words.</summary>
    public string Source { get; }

    /// <summary>The figure from the model's published price list (Get-SeedanceModel), and that list's own source.</summary>
    public static TaskPrice FromPriceList(ModelInfo model, string resolution, decimal? amount, bool withReferenceVideo = false) => new(amount, amount is null
        ? withReferenceVideo
            ? "none: the provider publishes no price for this model with a reference video"
            : "none: the provider publishes no price for this model"
        : withReferenceVideo
            ? $"published price list ({model.Provider} {model.Id}, per second at {resolution} with a reference video: {model.PriceWithReferenceVideo!.Source}; Get-SeedanceModel)"
            : $"published price list ({model.Provider} {model.Id}, per second at {resolution}: {model.PriceSource}; Get-SeedanceModel)");

    /// <summary>The provider's own quote for this very request.</summary>
    public static TaskPrice Quoted(string provider, string endpoint, decimal amount) =>
        new(decimal.Round(amount, 2, System.MidpointRounding.AwayFromZero), $"{provider}'s price quote ({endpoint})");
}
