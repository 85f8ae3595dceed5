using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using Seedance.Providers;

namespace Seedance.Commands.Runtime;

/// <summary>Tab completion from the provider catalog, so completions follow the capability data.</summary>
public abstract class CatalogCompleter : IArgumentCompleter
{
    private readonly Func<IEnumerable<string>> _values;

    protected CatalogCompleter(Func<IEnumerable<string>> values) => _values = values;

    /// <summary>Values of one model property across every provider's models.</summary>
    protected static IEnumerable<string> AcrossModels(Func<ModelInfo, IEnumerable<string>> property) =>
        ProviderCatalog.All.SelectMany(provider => provider.Info.Models).SelectMany(property);

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        _values()
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Where(value => value.StartsWith(wordToComplete ?? string.Empty, StringComparison.OrdinalIgnoreCase))
            .Select(value => new CompletionResult(value.Contains(":") ? "'" + value + "'" : value, value, CompletionResultType.ParameterValue, value));
}

public sealed class ProviderNameCompleter : CatalogCompleter
{
    public ProviderNameCompleter()
        : base(() => ProviderCatalog.Names)
    {
    }
}

public sealed class ResolutionCompleter : CatalogCompleter
{
    public ResolutionCompleter()
        : base(() => AcrossModels(model => model.Resolutions.Concat(new[] { model.DefaultResolution })))
    {
    }
}

public sealed class AspectRatioCompleter : CatalogCompleter
{
    public AspectRatioCompleter()
        : base(() => AcrossModels(model => model.AspectRatios))
    {
    }
}

public sealed class ModelNameCompleter : CatalogCompleter
{
    public ModelNameCompleter()
        : base(() => AcrossModels(model => new[] { model.Id }))
    {
    }
}
