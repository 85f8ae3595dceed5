namespace Seedance.Pricing;

/// <summary>
/// What a model costs when a reference video is among its inputs: providers that meter Seedance 2.0 by tokens charge
/// a lower rate then, but count the input video's seconds as tokens too (tokens = w x h x 24 x (input s + output s)
/// / 1024), so a long reference can cost more than none.
/// </summary>
/// <param name="PricePerSecond">US dollars per billed second, by resolution.</param>
/// <param name="BillsInputSeconds">Whether the reference video's own seconds are billed beside the output's.</param>
/// <param name="Source">Where the rate comes from, in words.</param>
public sealed record VideoInputPrice(IReadOnlyDictionary<string, decimal> PricePerSecond, bool BillsInputSeconds, string Source);
