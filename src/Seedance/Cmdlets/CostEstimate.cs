using Seedance.Pricing;
using Seedance.Providers;

namespace Seedance;

/// <summary>What one planned task would cost, as Measure-SeedanceCost reports it; nothing was submitted.</summary>
public sealed class CostEstimate
{
    internal CostEstimate(string input, ModelInfo model, int durationSeconds, string resolution, TaskPrice price, decimal runningTotal)
    {
        Input = input;
        Provider = model.Provider;
        Model = model.Id;
        DurationSeconds = durationSeconds;
        Resolution = resolution;
        EstimatedCost = price.Amount;
        RunningTotal = runningTotal;
        PriceSource = price.Source;
    }

    /// <summary>The image(s) or URL the task would be made from.</summary>
    public string Input { get; }

    public string Provider { get; }

    public string Model { get; }

    public int DurationSeconds { get; }

    public string Resolution { get; }

    /// <summary>US dollars, by <see cref="PriceSource"/>; null where nothing prices the task.</summary>
    public decimal? EstimatedCost { get; }

    /// <summary>Where the figure comes from: the provider's own quote, or its published price list.</summary>
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

    /// <summary>Of those, tasks with no price (no quote, none published), so they are not in the total.</summary>
    public int Unpriced { get; }

    public decimal EstimatedCost { get; }

    public decimal? MaxCost { get; }
}
