using System.Linq;
using System.Management.Automation;
using Seedance.Commands.Runtime;
using Seedance.Connections;

namespace Seedance.Commands.Cmdlets;

/// <summary>Lists this session's connections, the default one first.</summary>
/// <remarks>Shows each connection's name, provider, address, where its key came from (never the key), its throttle limit, how many of its tasks are unfinished, and whether it is the default. These are plain records: changing one changes nothing.</remarks>
/// <example>
/// <code>Get-SeedanceConnection</code>
/// <para>Lists every connection of this session.</para>
/// </example>
/// <example>
/// <code>Get-SeedanceConnection | Where-Object PendingTasks -gt 0 | Select-Object Name, Provider, PendingTasks</code>
/// <para>Which connections still have unfinished tasks.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "SeedanceConnection")]
[OutputType(typeof(ConnectionInfo))]
public sealed class GetSeedanceConnectionCommand : SeedanceCmdlet
{
    /// <summary>Only connections whose name matches (wildcards allowed).</summary>
    [Parameter(Position = 0)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(ConnectionNameCompleter))]
    public string[]? Name { get; set; }

    protected override void EndProcessing()
    {
        var patterns = (Name ?? new[] { "*" }).Select(name => new WildcardPattern(name, WildcardOptions.IgnoreCase)).ToList();
        var connections = State.Session.Describe().Where(connection => patterns.Any(pattern => pattern.IsMatch(connection.Name)));
        WriteObject(connections, enumerateCollection: true);
    }
}
