using System.Linq;
using System.Management.Automation;
using Seedance.Commands.Runtime;
using Seedance.Providers;

namespace Seedance.Commands.Cmdlets;

/// <summary>
/// <para type="synopsis">Lists the models each provider sells, with what they accept and cost.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "SeedanceModel")]
[OutputType(typeof(ModelInfo))]
public sealed class GetSeedanceModelCommand : AsyncCmdlet
{
    [Parameter(Position = 0)]
    [SupportsWildcards]
    public string Name { get; set; } = "*";

    [Parameter]
    [ArgumentCompleter(typeof(ProviderNameCompleter))]
    [SupportsWildcards]
    public string Provider { get; set; } = "*";

    protected override void EndProcessing()
    {
        var name = new WildcardPattern(Name, WildcardOptions.IgnoreCase);
        var provider = new WildcardPattern(Provider, WildcardOptions.IgnoreCase);
        var models = ProviderCatalog.All
            .Where(candidate => provider.IsMatch(candidate.Info.Name))
            .SelectMany(candidate => candidate.Info.Models)
            .Where(model => name.IsMatch(model.Id) || model.Aliases.Any(name.IsMatch));
        WriteObject(models, enumerateCollection: true);
    }
}
