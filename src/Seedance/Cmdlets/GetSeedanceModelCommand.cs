using System.Linq;
using System.Management.Automation;
using Seedance.Commands.Runtime;
using Seedance.Providers;

namespace Seedance.Commands.Cmdlets;

/// <summary>Lists the models each provider sells, with what they accept and cost.</summary>
/// <remarks>Each model lists how many images it takes, its durations, resolutions and aspect ratios, the options it accepts and its price per second. New-SeedanceVideo checks requests against exactly this data before it sends anything.</remarks>
/// <example>
/// <code>Get-SeedanceModel -Provider WaveSpeed | Format-Table</code>
/// <para>What can be asked of WaveSpeed.</para>
/// </example>
/// <example>
/// <code>Get-SeedanceModel *2.0-fast* -Provider fal, Ark | Select-Object Provider, Id, Durations, PricePerSecond</code>
/// <para>Seedance 2.0 Fast on two providers side by side, with their prices.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "SeedanceModel")]
[OutputType(typeof(ModelInfo))]
public sealed class GetSeedanceModelCommand : SeedanceCmdlet
{
    /// <summary>Only models whose id or alias matches (wildcards allowed).</summary>
    [Parameter(Position = 0)]
    [SupportsWildcards]
    public string Name { get; set; } = "*";

    /// <summary>Only models of these providers (several, and wildcards, allowed).</summary>
    [Parameter]
    [ArgumentCompleter(typeof(ProviderNameCompleter))]
    [SupportsWildcards]
    public string[] Provider { get; set; } = { "*" };

    protected override void EndProcessing()
    {
        var name = new WildcardPattern(Name, WildcardOptions.IgnoreCase);
        var providers = Provider.Select(pattern => new WildcardPattern(pattern, WildcardOptions.IgnoreCase)).ToList();
        var models = ProviderCatalog.All
            .Where(candidate => providers.Any(provider => provider.IsMatch(candidate.Info.Name)))
            .SelectMany(candidate => candidate.Info.Models)
            .Where(model => name.IsMatch(model.Id) || model.Aliases.Any(name.IsMatch));
        WriteObject(models, enumerateCollection: true);
    }
}
