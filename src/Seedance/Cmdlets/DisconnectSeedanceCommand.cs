using System.Linq;
using System.Management.Automation;
using Seedance.Commands.Runtime;

namespace Seedance.Commands.Cmdlets;

/// <summary>Removes connections from this session.</summary>
/// <remarks>
/// <para>The connection's key and settings are forgotten, and its unfinished tasks are no longer followed here: they
/// go on at the provider, and the task journal still lists them (Get-SeedanceTask -Pending), with a warning that says
/// how many. When the default connection goes, the newest of the others becomes the default.</para>
/// <para>Names come by position, by pipeline (as strings), or from Get-SeedanceConnection's output.</para>
/// </remarks>
/// <example>
/// <code>Disconnect-Seedance -Name batch</code>
/// <para>Removes the connection named batch.</para>
/// </example>
/// <example>
/// <code>Get-SeedanceConnection | Disconnect-Seedance</code>
/// <para>Removes every connection of this session.</para>
/// </example>
/// <example>
/// <code>Disconnect-Seedance 'fal*' -WhatIf</code>
/// <para>Shows which connections would be removed, without removing them.</para>
/// </example>
[Cmdlet(VerbsCommunications.Disconnect, "Seedance", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(void))]
public sealed class DisconnectSeedanceCommand : SeedanceCmdlet
{
    /// <summary>The names of the connections to remove (wildcards allowed), as Connect-Seedance -Name gave them.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] Name { get; set; } = new string[0];

    protected override void ProcessRecord()
    {
        var session = State.Session;
        foreach (var name in Name)
        {
            var pattern = new WildcardPattern(name, WildcardOptions.IgnoreCase);
            var matches = session.Describe().Where(connection => pattern.IsMatch(connection.Name)).ToList();
            if (matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(name))
            {
                WriteSeedanceError(new SeedanceException(SeedanceErrorCategory.NotFound, ErrorIds.ConnectionNotFound,
                    $"There is no connection named '{name}' in this session. Get-SeedanceConnection lists them.") { ParameterName = "Name" }, name);
            }

            foreach (var connection in matches)
            {
                if (!ShouldProcess(connection.Name, $"Disconnect from {connection.Provider} at {connection.BaseUri}")
                    || session.Disconnect(connection.Name) is not { } removed)
                {
                    continue;
                }

                if (ConnectionWarnings.Disconnected(removed) is { } warning)
                {
                    WriteWarning(warning);
                }

                WriteVerbose($"Disconnected '{removed.Name}'. {(session.Default is { } now ? $"The default connection is now '{now.Name}'." : "No connection is left.")}");
            }
        }
    }
}
