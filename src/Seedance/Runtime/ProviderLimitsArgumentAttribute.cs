using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using Seedance.Providers;

namespace Seedance.Commands.Runtime;

/// <summary>
/// Reads a <see cref="ProviderLimits"/> parameter: a whole number for every provider, or a hashtable from provider
/// names (any spelling the module accepts) to whole numbers. Negative limits are refused later, by the cmdlet, with
/// its own error id.
/// </summary>
internal sealed class ProviderLimitsArgumentAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        switch (value)
        {
            case null or ProviderLimits:
                return value;
            case IDictionary table:
                var byProvider = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
                foreach (DictionaryEntry entry in table)
                {
                    var name = entry.Key?.ToString() ?? string.Empty;
                    var provider = ProviderCatalog.Find(name)
                        ?? throw new ArgumentTransformationMetadataException($"'{name}' is not a provider. Name one of: {string.Join(", ", ProviderCatalog.Names)}.");
                    byProvider[provider.Info.Name] = WholeNumber(entry.Value, provider.Info.Name);
                }

                return new ProviderLimits(null, byProvider);
            default:
                return new ProviderLimits(WholeNumber(value, null), new Dictionary<string, int>());
        }
    }

    private static int WholeNumber(object? value, string? provider)
    {
        try
        {
            return LanguagePrimitives.ConvertTo<int>(value);
        }
        catch (PSInvalidCastException)
        {
            throw new ArgumentTransformationMetadataException(
                $"'{value}'{(provider is null ? string.Empty : " for " + provider)} is not a whole number. Give one number for every provider (3) or a hashtable of providers' limits (@{{ WaveSpeed = 3 }}).");
        }
    }
}
