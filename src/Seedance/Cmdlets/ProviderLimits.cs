using System;
using System.Collections.Generic;
using System.Linq;

namespace Seedance;

/// <summary>
/// A limit of Start-SeedanceEmulator given as one number for every provider (<c>-ConcurrencyLimit 3</c>) or a
/// hashtable of single providers' limits (<c>-ConcurrencyLimit @{ WaveSpeed = 3; fal = 2 }</c>), the others
/// keeping their default.
/// </summary>
public sealed class ProviderLimits
{
    public ProviderLimits(int? all, IReadOnlyDictionary<string, int> byProvider)
    {
        All = all;
        ByProvider = byProvider;
    }

    /// <summary>Every provider's limit; null when only single providers' were given.</summary>
    public int? All { get; }

    /// <summary>Single providers' limits, by the module's provider names.</summary>
    public IReadOnlyDictionary<string, int> ByProvider { get; }

    public override string ToString() =>
        All is { } all ? all.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Join("; ", ByProvider.Select(pair => $"{pair.Key} = {pair.Value}"));
}
