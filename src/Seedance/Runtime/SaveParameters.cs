using System.Management.Automation;
using Seedance.Media;

namespace Seedance.Commands.Runtime;

/// <summary>
/// How videos are saved: the parameters Save-SeedanceVideo and Invoke-SeedanceVideo share. The two cmdlets stand on
/// different bases (one takes tasks, the other requests), and a dynamic-parameter object is PowerShell's way for two
/// cmdlets to declare a parameter once: each returns one of these from GetDynamicParameters.
/// </summary>
public sealed class SaveParameters
{
    /// <summary>The parameter names, as Invoke-SeedanceVideo hands them on to Save-SeedanceVideo.</summary>
    internal static readonly string[] Names = { nameof(NameTemplate), nameof(Force), nameof(TimeoutSec), nameof(CancelOnTimeout) };

    /// <summary>File name pattern inside a folder: {Id}, {Image}, {Provider}, {Model}, {Date}.</summary>
    [Parameter]
    public string NameTemplate { get; set; } = VideoFileNaming.DefaultTemplate;

    /// <summary>Replace existing files.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Seconds to wait for an unfinished task before giving up on it.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int TimeoutSec { get; set; } = 3600;

    /// <summary>Cancel an unfinished task at the provider when -TimeoutSec passes, where the provider can (as Wait-SeedanceTask -CancelOnTimeout).</summary>
    [Parameter]
    public SwitchParameter CancelOnTimeout { get; set; }
}
