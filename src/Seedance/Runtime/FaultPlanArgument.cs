using System;
using System.IO;
using System.Management.Automation;
using Seedance.Emulator.Faults;

namespace Seedance.Commands.Runtime;

/// <summary>Reads Start-SeedanceEmulator's -FaultPlan: JSON text, or the path of a JSON file.</summary>
internal static class FaultPlanArgument
{
    public static FaultPlan Read(PSCmdlet cmdlet, string? argument)
    {
        if (string.IsNullOrWhiteSpace(argument))
        {
            return new FaultPlan();
        }

        try
        {
            var json = argument!.TrimStart().StartsWith("[", StringComparison.Ordinal)
                ? argument
                : File.ReadAllText(PathResolution.FileSystemPath(cmdlet, argument));
            return FaultPlan.FromJson(json);
        }
        catch (Exception ex) when (ex is FormatException or IOException or UnauthorizedAccessException)
        {
            throw new SeedanceException(SeedanceErrorCategory.Validation, ErrorIds.FaultPlanInvalid,
                $"-FaultPlan could not be read: {ex.Message} Give a JSON array of rules, or the path of a file holding one.", ex) { ParameterName = "FaultPlan" };
        }
    }
}
