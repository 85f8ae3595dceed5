using Seedance.Providers;

namespace Seedance;

/// <summary>What one planned task would cost, as Measure-SeedanceCost reports it; nothing was submitted.</summary>
public sealed class CostEstimate
{
    internal CostEstimate(string input, string provider, ModelInfo model, int durationSeconds, string resolution, decimal? estimatedCost, decimal runningTotal)
    {
        Input = input;
        Provider = provider;
        Model = model.Id;
        DurationSeconds = durationSeconds;
        Resolution = resolution;
        EstimatedCost = estimatedCost;
        RunningTotal = runningTotal;
        PriceSource = estimatedCost is null
            ? "none: the provider publishes no price for this model"
            : $"published price list ({model.Provider} {model.Id}, per second at {resolution}; Get-SeedanceModel)";
    }

    /// <summary>The image(s) or URL the task would be made from.</summary>
    public string Input { get; }

    public string Provider { get; }

    public string Model { get; }

    public int DurationSeconds { get; }

    public string Resolution { get; }

    /// <summary>US dollars, by <see cref="PriceSource"/>; null where no price is published.</summary>
    public decimal? EstimatedCost { get; }

    /// <summary>Where the figure comes from.</summary>
    public string PriceSource { get; }

    /// <summary>The estimates so far, this one included: what -MaxCost is compared with.</summary>
    public decimal RunningTotal { get; }
}

/// <summary>The sum of a Measure-SeedanceCost run: the last object it emits.</summary>
public sealed class CostTotal
{
    internal CostTotal(int tasks, int unpriced, decimal estimatedCost, decimal? maxCost)
    {
        Tasks = tasks;
        Unpriced = unpriced;
        EstimatedCost = estimatedCost;
        MaxCost = maxCost;
    }

    /// <summary>Tasks that would be submitted (within -MaxCost).</summary>
    public int Tasks { get; }

    /// <summary>Of those, tasks whose model has no published price, so they are not in the total.</summary>
    public int Unpriced { get; }

    public decimal EstimatedCost { get; }

    public decimal? MaxCost { get; }
}
