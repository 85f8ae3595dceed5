using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using Seedance.Providers;

namespace Seedance.Commands.Runtime;

/// <summary>
/// Tab completion that knows the command line so far: the provider it names (-Provider, -Connection's, or the
/// default connection's), the model it names (-Model), the session's connections and the task journal. Values come
/// from the provider catalogue, so completion follows the capability data.
/// </summary>
public abstract class ContextCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        Values(fakeBoundParameters)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Where(value => value.StartsWith(wordToComplete?.Trim('\'', '"') ?? string.Empty, StringComparison.OrdinalIgnoreCase))
            .Select(value => new CompletionResult(value.IndexOfAny(new[] { ':', ' ', '*' }) >= 0 ? "'" + value + "'" : value, value, CompletionResultType.ParameterValue, value));

    /// <summary>The values that fit what is already on the command line.</summary>
    protected abstract IEnumerable<string> Values(IDictionary bound);

    /// <summary>The providers the command line points at: -Provider's (several for Get-SeedanceModel), -Connection's, the default connection's, or all.</summary>
    protected static IEnumerable<IVideoProvider> Providers(IDictionary bound)
    {
        var named = Words(bound["Provider"]).Select(ProviderCatalog.Find).Where(provider => provider is not null).Select(provider => provider!).ToList();
        if (named.Count > 0)
        {
            return named;
        }

        var session = ModuleState.Current.Session;
        var connection = Words(bound["Connection"]).Select(name => session.Find(name, null)).FirstOrDefault(found => found is not null) ?? session.Default;
        var connected = connection is null ? null : ProviderCatalog.Find(connection.Provider);
        return connected is null ? ProviderCatalog.All : new[] { connected };
    }

    /// <summary>The models the command line points at: -Model's within those providers, or all of theirs.</summary>
    protected static IEnumerable<ModelInfo> Models(IDictionary bound)
    {
        var models = Providers(bound).SelectMany(provider => provider.Info.Models).ToList();
        var model = Words(bound["Model"]).FirstOrDefault();
        var chosen = model is null ? new List<ModelInfo>() : models.Where(candidate => candidate.IsKnownAs(model)).ToList();
        return chosen.Count > 0 ? chosen : models;
    }

    private static IEnumerable<string> Words(object? value) => value switch
    {
        null => Enumerable.Empty<string>(),
        string text => new[] { text },
        IEnumerable many => many.Cast<object>().Select(item => item?.ToString() ?? string.Empty).Where(text => text.Length > 0),
        _ => new[] { value.ToString() ?? string.Empty },
    };
}

public sealed class ProviderNameCompleter : ContextCompleter
{
    protected override IEnumerable<string> Values(IDictionary bound) => ProviderCatalog.Names;
}

public sealed class ModelNameCompleter : ContextCompleter
{
    protected override IEnumerable<string> Values(IDictionary bound) => Providers(bound).SelectMany(provider => provider.Info.Models).Select(model => model.Id);
}

public sealed class DurationCompleter : ContextCompleter
{
    protected override IEnumerable<string> Values(IDictionary bound) =>
        Models(bound).SelectMany(model => model.Durations).Distinct().OrderBy(seconds => seconds).Select(seconds => seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
}

public sealed class ResolutionCompleter : ContextCompleter
{
    protected override IEnumerable<string> Values(IDictionary bound) => Models(bound).SelectMany(model => model.Resolutions.Concat(new[] { model.DefaultResolution }));
}

public sealed class AspectRatioCompleter : ContextCompleter
{
    protected override IEnumerable<string> Values(IDictionary bound) => Models(bound).SelectMany(model => model.AspectRatios);
}

public sealed class RegionCompleter : ContextCompleter
{
    protected override IEnumerable<string> Values(IDictionary bound) => Providers(bound).SelectMany(provider => provider.Info.Regions.Keys);
}

public sealed class ConnectionNameCompleter : ContextCompleter
{
    protected override IEnumerable<string> Values(IDictionary bound) => ModuleState.Current.Session.Describe().Select(connection => connection.Name);
}

/// <summary>Ids of the tasks this machine submitted in the last week, newest first, from the journal (no network).</summary>
public sealed class TaskIdCompleter : ContextCompleter
{
    protected override IEnumerable<string> Values(IDictionary bound) =>
        ModuleState.Current.Session.Journal.ReadAll()
            .Where(record => record.SubmittedAt >= DateTimeOffset.UtcNow.AddDays(-7))
            .Select(record => record.Id);
}
