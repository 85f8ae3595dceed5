using System.Linq;
using System.Management.Automation;
using Seedance.Commands.Runtime;
using Seedance.Connections;

namespace Seedance.Commands.Cmdlets;

/// <summary>Lists this session's connections, the default one first.</summary>
/// <remarks>Shows each connection's name, provider, address, where its key came from (never the key), its throttle limit and how many of its tasks are unfinished.</remarks>
/// <example>
/// <code>Get-SeedanceConnection</code>
/// <para>Lists every connection of this session.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "SeedanceConnection")]
[OutputType(typeof(SeedanceConnection))]
public sealed class GetSeedanceConnectionCommand : AsyncCmdlet
{
    /// <summary>Only connections whose name matches (wildcards allowed).</summary>
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
