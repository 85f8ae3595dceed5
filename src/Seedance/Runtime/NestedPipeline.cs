using System.Collections;
using System.Linq;
using System.Management.Automation;

namespace Seedance.Commands.Runtime;

/// <summary>
/// Seedance cmdlets run inside another one as a steppable pipeline (the way proxy commands wrap cmdlets): each input
/// handed to it streams through exactly as on the command line, and what comes out is the host cmdlet's output. So
/// New-SeedanceVideo -Wait and Invoke-SeedanceVideo behave as the pipelines they stand for, with no second copy of
/// waiting or saving.
/// </summary>
internal static class NestedPipeline
{
    private static readonly string[] Streams = { "Verbose", "Debug", "ErrorAction", "WarningAction", "InformationAction" };
    private static readonly string[] ShouldProcessSwitches = { "WhatIf", "Confirm" };

    /// <summary>Begins <c>command1 @parameters1 | command2 @parameters2 ...</c>, its output going to <paramref name="host"/>'s.</summary>
    public static SteppablePipeline Begin(PSCmdlet host, params (string Command, IDictionary Parameters)[] commands)
    {
        var names = Enumerable.Range(0, commands.Length).Select(index => "$p" + index).ToArray();
        var script = "param(" + string.Join(", ", names) + ") " +
            string.Join(" | ", commands.Select((command, index) => command.Command + " @p" + index));
        var pipeline = ScriptBlock.Create(script).GetSteppablePipeline(CommandOrigin.Internal, commands.Select(command => (object)command.Parameters).ToArray());
        pipeline.Begin(host);
        return pipeline;
    }

    /// <summary>The host's stream preferences (and -WhatIf/-Confirm where the nested cmdlet takes them), passed on.</summary>
    public static Hashtable CommonParameters(PSCmdlet host, bool withShouldProcess)
    {
        var passed = new Hashtable();
        foreach (var name in withShouldProcess ? Streams.Concat(ShouldProcessSwitches) : Streams)
        {
            if (host.MyInvocation.BoundParameters.TryGetValue(name, out var value))
            {
                passed[name] = value;
            }
        }

        return passed;
    }
}
