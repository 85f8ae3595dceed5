using System.Linq;
using System.Management.Automation;
using Seedance.Commands.Runtime;
using Seedance.Connections;

namespace Seedance.Commands.Cmdlets;

/// <summary>
/// <para type="synopsis">Lists this session's connections; the default one first.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "SeedanceConnection")]
[OutputType(typeof(SeedanceConnection))]
public sealed class GetSeedanceConnectionCommand : AsyncCmdlet
{
    [Parameter(Position = 0)]
    [SupportsWildcards]
    public string[]? Name { get; set; }

    protected override void EndProcessing()
    {
        var session = State.Session;
        var patterns = (Name ?? new[] { "*" }).Select(name => new WildcardPattern(name, WildcardOptions.IgnoreCase)).ToList();
        var connections = session.Connections
            .Where(connection => patterns.Any(pattern => pattern.IsMatch(connection.Name)))
            .OrderByDescending(connection => ReferenceEquals(connection, session.Default));
        WriteObject(connections, enumerateCollection: true);
    }
}
