namespace Seedance.Pricing;

/// <summary>
/// A spending cap for one command: each task's estimate is counted before it is submitted, and a task that
/// would take the total over the cap is refused (with nothing spent on it).
/// </summary>
public sealed class CostBudget
{
    private readonly decimal _limit;
    private decimal _committed;

    public CostBudget(decimal limit) => _limit = limit;

    /// <summary>Counts <paramref name="estimate"/> against the cap, or throws when it does not fit.</summary>
    public void Reserve(decimal? estimate, string what)
    {
        if (estimate is null)
        {
            throw new SeedanceException(SeedanceErrorCategory.Validation, ErrorIds.CostUnknown,
                $"-MaxCost is set, but there is no published price for {what}, so its cost cannot be checked. Leave -MaxCost out to submit it anyway.")
            { ParameterName = "MaxCost", RecommendedAction = "Leave -MaxCost out to submit it anyway." };
        }

        if (_committed + estimate.Value > _limit)
        {
            throw new SeedanceException(SeedanceErrorCategory.Validation, ErrorIds.CostLimitExceeded,
                $"Submitting the {what} would bring this command's spending to ${_committed + estimate.Value:0.00}, over -MaxCost ${_limit:0.00}. It was not submitted. Raise -MaxCost or submit fewer videos.")
            { ParameterName = "MaxCost", RecommendedAction = "Raise -MaxCost, or submit fewer videos." };
        }

        _committed += estimate.Value;
    }

    /// <summary>Gives back a reservation whose submit did not happen.</summary>
    public void Release(decimal? estimate) => _committed -= estimate ?? 0;
}
