using System.Collections;
using System.Management.Automation;
using Seedance.Commands.Runtime;

namespace Seedance.Commands.Cmdlets;

/// <summary>Submits, waits for and saves videos in one step: one per pipeline input.</summary>
/// <remarks>
/// <para>The same as New-SeedanceVideo ... | Save-SeedanceVideo -Path ..., with the same parameters and checks (the folder is -Destination here, since -Path names an image), and
/// the same streaming: each video is saved as soon as its task finishes, while later inputs are still being
/// submitted. It emits one VideoFile per saved video; a task that fails is reported, and the others go on.</para>
/// </remarks>
/// <example>
/// <code>Get-ChildItem ./shots/*.jpg | Invoke-SeedanceVideo -Prompt 'slow orbital pan' -Duration 5 -Destination ./videos</code>
/// <para>A folder of product shots in, a folder of verified MP4s out.</para>
/// </example>
/// <example>
/// <code>Import-Csv ./storyboard.csv | Invoke-SeedanceVideo -Destination ./videos -NameTemplate '{Image}.mp4' -MaxCost 20</code>
/// <para>One video per storyboard row, named after its image, spending at most $20.</para>
/// </example>
[Cmdlet(VerbsLifecycle.Invoke, "SeedanceVideo", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(VideoFile))]
public sealed class InvokeSeedanceVideoCommand : VideoRequestCmdlet, IDynamicParameters
{
    private SteppablePipeline? _pipeline;

    /// <summary>The folder the videos are saved in (Save-SeedanceVideo's -Path; the current folder when omitted).</summary>
    [Parameter]
    public string? Destination { get; set; }

    /// <summary>Save-SeedanceVideo's own -NameTemplate, -Force, -TimeoutSec and -CancelOnTimeout.</summary>
    public object GetDynamicParameters() => new SaveParameters();

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        var submit = NestedPipeline.CommonParameters(this, withShouldProcess: true);
        var save = NestedPipeline.CommonParameters(this, withShouldProcess: false);
        foreach (var name in GivenForAll)
        {
            var value = MyInvocation.BoundParameters[name];
            if (name == nameof(Destination))
            {
                save["Path"] = value;
            }
            else if (System.Array.IndexOf(SaveParameters.Names, name) >= 0)
            {
                save[name] = value;
            }
            else if (!submit.ContainsKey(name) && !save.ContainsKey(name))
            {
                submit[name] = value;
            }
        }

        _pipeline = NestedPipeline.Begin(this, ("New-SeedanceVideo", submit), ("Save-SeedanceVideo", save));
    }

    /// <summary>Hands this input's own values (a CSV row's, a file's) to New-SeedanceVideo, which binds them by name.</summary>
    protected override void ProcessRecord()
    {
        var input = new PSObject();
        foreach (DictionaryEntry bound in (IDictionary)MyInvocation.BoundParameters)
        {
            var name = (string)bound.Key;
            if (System.Array.IndexOf(GivenForAll, name) < 0)
            {
                input.Properties.Add(new PSNoteProperty(name, bound.Value));
            }
        }

        _pipeline!.Process(input);
    }

    protected override void EndProcessing()
    {
        try
        {
            _pipeline?.End();
        }
        finally
        {
            _pipeline?.Dispose();
        }
    }
}
