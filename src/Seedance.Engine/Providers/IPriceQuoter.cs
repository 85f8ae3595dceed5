using Seedance.Pricing;
using Seedance.Requests;

namespace Seedance.Providers;

/// <summary>
/// A provider that quotes what a request would cost before it runs (nothing is generated or charged). Its quote
/// is what the provider will bill, so it takes the place of the published price list wherever a cost is counted.
/// </summary>
public interface IPriceQuoter
{
    /// <summary>The provider's price for <paramref name="request"/>, in US dollars.</summary>
    Task<TaskPrice> QuoteAsync(ProviderContext context, PreparedRequest request, CancellationToken cancellationToken);
}
