using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Seedance.Commands.Runtime;
using Seedance.Storyboards;

namespace Seedance.Commands.Cmdlets;

/// <summary>Makes a sequence longer than one clip: one clip per prompt, each starting where the one before ended, joined into one MP4.</summary>
/// <remarks>
/// <para>The clips are made in story order, because each needs the one before: submitted, waited for, saved as
/// name-01.mp4, name-02.mp4… in -Path, and the next one started from the last frame (Ark returns it itself, asked with
/// return_last_frame; elsewhere it is the saved clip's final frame, taken with ffmpeg). With ffmpeg on PATH the
/// clips are then joined into name.mp4 by stream copy, without re-encoding.</para>
/// <para>Everything that can fail before money is spent is checked first: every clip's request, the total against
/// -MaxCost, ffmpeg where the chain needs it, and files that already exist (replaced only with -Force). Each clip is a
/// task like any other, journalled and saved, so a clip that fails stops the storyboard with the clips before it
/// kept.</para>
/// </remarks>
/// <example>
/// <code>New-SeedanceStoryboard -Image ./door.png -Prompt 'she opens the door', 'she walks into the garden', 'she looks up at the sky' -Duration 5 -Path ./film</code>
/// <para>Three 5 s clips, chained, and film/storyboard.mp4 of 15 s.</para>
/// </example>
/// <example>
/// <code>Import-Csv ./story.csv | New-SeedanceStoryboard -Name teaser -MaxCost 5</code>
/// <para>One clip per row (columns Prompt and Duration), refused before anything is submitted if the clips together would cost more than $5.</para>
/// </example>
[Cmdlet(VerbsCommon.New, "SeedanceStoryboard", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(Storyboard))]
public sealed class NewSeedanceStoryboardCommand : BackgroundWorkCmdlet
{
    private readonly List<VideoRequest> _clips = new();

    /// <summary>One text per clip, in story order (strings, or rows with a Prompt column).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[] Prompt { get; set; } = new string[0];

    /// <summary>Each clip's length in seconds; from a row's Duration column, or the same for every clip.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [BlankIsNotGiven]
    [Alias("DurationSeconds")]
    [ArgumentCompleter(typeof(DurationCompleter))]
    public int? Duration { get; set; }

    /// <summary>The first clip's first frame (a path or URL); without it the first clip is made from its prompt alone.</summary>
    [Parameter]
    public string? Image { get; set; }

    /// <summary>The folder the clips and the joined video go to (created if missing); the current location by default.</summary>
    [Parameter]
    public string? Path { get; set; }

    /// <summary>The name of the joined video, and the start of the clips' names (name-01.mp4…).</summary>
    [Parameter]
    [ValidatePattern(@"^[^\\/:*?""<>|]+$")]
    public string Name { get; set; } = "storyboard";

    /// <summary>Replace clips and a joined video of the same names.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Output resolution where the model lets you choose; the same for every clip, so that they join.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(ResolutionCompleter))]
    public string? Resolution { get; set; }

    /// <summary>The first clip's aspect ratio where it is made from its prompt alone; later clips follow the frame they start from.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(AspectRatioCompleter))]
    public string? AspectRatio { get; set; }

    /// <summary>The model id; the provider's Seedance 2.0 Fast model by default.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(ModelNameCompleter))]
    public string? Model { get; set; }

    /// <summary>Generate native audio (-GenerateAudio:$false turns it off) where the model offers the choice.</summary>
    [Parameter]
    public SwitchParameter GenerateAudio { get; set; }

    /// <summary>One seed for every clip, where the model accepts one.</summary>
    [Parameter]
    public long? Seed { get; set; }

    /// <summary>The most the whole storyboard may cost (US dollars), checked for all the clips before the first is submitted.</summary>
    [Parameter]
    [ValidateRange(0, 1000000)]
    public decimal? MaxCost { get; set; }

    /// <summary>Seconds to wait for each clip before giving up on the storyboard.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int TimeoutSec { get; set; } = 3600;

    /// <summary>Use the connection of this provider instead of the default one.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(ProviderNameCompleter))]
    public string? Provider { get; set; }

    /// <summary>Use the connection with this name instead of the default one.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(ConnectionNameCompleter))]
    public string? Connection { get; set; }

    protected override void ProcessRecord()
    {
        foreach (var prompt in Prompt)
        {
            var clip = new VideoRequest
            {
                Prompt = prompt,
                Model = Model,
                DurationSeconds = Duration,
                Resolution = Resolution,
                Seed = Seed,
                GenerateAudio = MyInvocation.BoundParameters.ContainsKey(nameof(GenerateAudio)) ? GenerateAudio.IsPresent : null,
            };
            if (_clips.Count == 0)
            {
                clip.AspectRatio = AspectRatio;
                if (Image is not null)
                {
                    clip.Images.Add(PathResolution.Image(this, Image));
                }
            }

            _clips.Add(clip);
        }
    }

    protected override void EndProcessing()
    {
        var folder = PathResolution.FileSystemPath(this, Path ?? PathResolution.CurrentDirectory(this));
        try
        {
            var connection = State.Session.FindOrConnect(Connection, Provider);
            var plan = RunInBackground(token => StoryboardPlan.MakeAsync(connection, _clips, folder, Name, Force, MaxCost, token));
            var total = plan.EstimatedCost is { } cost ? $"est. ${cost:0.00}" : "no published price";
            if (!ShouldProcess(System.IO.Path.Combine(folder, Name + ".mp4"), $"Make a storyboard of {plan.Clips.Count} clips ({total}): {string.Join("; ", plan.Prepared.Select(clip => clip.Summary))}"))
            {
                return;
            }

            var progress = new ProgressRecord(1, "Making a Seedance storyboard", "Starting");
            var storyboard = RunInBackground(token => StoryboardRun.RunAsync(connection, plan, System.TimeSpan.FromSeconds(TimeoutSec), Force, number => Post(() =>
            {
                progress.StatusDescription = $"Clip {number} of {plan.Clips.Count}";
                progress.PercentComplete = (number - 1) * 100 / plan.Clips.Count;
                WriteProgress(progress);
            }), token));
            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
            WriteObject(storyboard);
        }
        catch (SeedanceException ex)
        {
            ThrowSeedanceError(ex, Name);
        }
    }
}
