using System;
using System.Collections;
using System.Management.Automation;
using Seedance.Commands.Runtime;
using Seedance.Connections;
using Seedance.Pricing;

namespace Seedance.Commands.Cmdlets;

/// <summary>Submits video generation tasks: one per pipeline input.</summary>
/// <remarks>
/// <para>Each input (an image file, a FileInfo from Get-ChildItem, a URL, or a row with Image and Prompt
/// properties) becomes one task. Every check that can be made locally is made before anything is sent, so bad
/// input costs nothing: image format and size, durations, resolutions and options the model offers, prompt
/// length, and -MaxCost. -WhatIf shows what would be submitted and its estimated cost.</para>
/// <para>The task is written to the journal before it is returned, and a submit is never repeated when it may have
/// reached the provider, so no task is lost or paid twice. The output is a task to pipe to Wait-SeedanceTask or
/// Save-SeedanceVideo.</para>
/// </remarks>
/// <example>
/// <code>Get-ChildItem ./shots/*.jpg | New-SeedanceVideo -Prompt 'slow orbital pan' -Duration 5 | Wait-SeedanceTask | Save-SeedanceVideo -Path ./videos</code>
/// <para>A folder of product shots in, a folder of MP4s out.</para>
/// </example>
/// <example>
/// <code>New-SeedanceVideo ./shots/cat.jpg -Prompt 'the cat turns its head' -WhatIf</code>
/// <para>Shows the task and its estimated cost without submitting it.</para>
/// </example>
/// <example>
/// <code>Import-Csv ./storyboard.csv | New-SeedanceVideo -MaxCost 20</code>
/// <para>One task per row (columns Image, Prompt, Duration...), refusing anything that would take the batch over $20.</para>
/// </example>
[Cmdlet(VerbsCommon.New, "SeedanceVideo", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(VideoTask))]
public sealed class NewSeedanceVideoCommand : BackgroundWorkCmdlet
{
    private SeedanceConnection? _connection;
    private CostBudget? _budget;

    /// <summary>Parameters given on the command line, as opposed to bound from each pipeline input.</summary>
    private string[] _givenForAll = new string[0];

    /// <summary>Image files (paths or FileInfo), https URLs or data: URIs, each a whole JPEG or PNG; all values of one pipeline input go into one task. A relative path is resolved against the current location, also when it comes from a CSV row (Import-Csv does not say where its file was): run the batch from the CSV's folder, or write full paths.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [BlankIsNotGiven]
    [Alias("FullName", "Path", "ImagePath", "Url")]
    public string[]? Image { get; set; }

    /// <summary>What should happen in the video, camera moves included ("slow orbital pan, soft studio light"). Refer to reference images as @Image1, @Image2 where the model supports it.</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [BlankIsNotGiven]
    public string? Prompt { get; set; }

    /// <summary>The last frame (a path or URL), for first-and-last-frame generation.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [BlankIsNotGiven]
    public string? LastImage { get; set; }

    /// <summary>Length of the video in seconds; the model's default when omitted. Get-SeedanceModel lists what each model allows.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [BlankIsNotGiven]
    [Alias("DurationSeconds")]
    public int? Duration { get; set; }

    /// <summary>Output resolution (480p, 720p, 1080p) where the model lets you choose.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [BlankIsNotGiven]
    [ArgumentCompleter(typeof(ResolutionCompleter))]
    public string? Resolution { get; set; }

    /// <summary>Output aspect ratio (16:9, 9:16, 1:1, 4:3, 3:4, 21:9, adaptive) where the model lets you choose.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [BlankIsNotGiven]
    [ArgumentCompleter(typeof(AspectRatioCompleter))]
    public string? AspectRatio { get; set; }

    /// <summary>The model id in the provider's spelling, or seedance-2-0-fast; the provider's Seedance 2.0 Fast model that fits the images when omitted.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [BlankIsNotGiven]
    [ArgumentCompleter(typeof(ModelNameCompleter))]
    public string? Model { get; set; }

    /// <summary>Up to three shot descriptions, composed into one multi-shot prompt after -Prompt.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [BlankIsNotGiven]
    public string[]? Shot { get; set; }

    /// <summary>Generate the native audio track (-GenerateAudio:$false turns it off) where the model offers the choice.</summary>
    [Parameter]
    public SwitchParameter GenerateAudio { get; set; }

    /// <summary>Keep the camera still, where the model offers it.</summary>
    [Parameter]
    public SwitchParameter CameraFixed { get; set; }

    /// <summary>Ask for the provider's watermark, where the model offers it.</summary>
    [Parameter]
    public SwitchParameter Watermark { get; set; }

    /// <summary>A seed for reproducible output, where the model accepts one.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [BlankIsNotGiven]
    public long? Seed { get; set; }

    /// <summary>How much motion, from 0 to 1 (default 0.7), where the model accepts it; above 0.85 trades subject fidelity for motion.</summary>
    [Parameter]
    public double? MotionStrength { get; set; }

    /// <summary>An https address the provider calls when the task finishes, where the provider supports webhooks.</summary>
    [Parameter]
    public Uri? WebhookUrl { get; set; }

    /// <summary>Raw fields added to the provider's request body, for options this module does not model. A field it does model (duration, images, webhook...) is refused, naming the parameter to use instead.</summary>
    [Parameter]
    public Hashtable? ExtraField { get; set; }

    /// <summary>The most this command may spend in total (US dollars, by the published prices).</summary>
    [Parameter]
    [ValidateRange(0, 1000000)]
    public decimal? MaxCost { get; set; }

    /// <summary>Use the connection of this provider (see Connect-Seedance) instead of the default one.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(ProviderNameCompleter))]
    public string? Provider { get; set; }

    /// <summary>Use the connection with this name (Connect-Seedance -Name) instead of the default one.</summary>
    [Parameter]
    public string? Connection { get; set; }

    protected override void BeginProcessing()
    {
        try
        {
            _connection = State.Session.FindOrConnect(Connection, Provider);
        }
        catch (SeedanceException ex)
        {
            ThrowSeedanceError(ex, Connection ?? Provider);
        }

        _budget = MaxCost is { } limit ? new CostBudget(limit) : null;
        // Pipeline inputs are bound only after BeginProcessing, so what is bound now came from the command line.
        _givenForAll = new string[MyInvocation.BoundParameters.Count];
        MyInvocation.BoundParameters.Keys.CopyTo(_givenForAll, 0);
    }

    protected override void ProcessRecord()
    {
        VideoRequest? request = null;
        try
        {
            request = VideoRequestBinding.From(this);
            var prepared = _connection!.Prepare(request);
            foreach (var warning in prepared.Warnings)
            {
                WriteWarning(warning);
            }

            _budget?.Reserve(prepared.EstimatedCost, prepared.Summary);
            if (!ShouldProcess(VideoRequestBinding.Describe(request), "Submit " + prepared.Summary))
            {
                _budget?.Release(prepared.EstimatedCost);
                return;
            }

            try
            {
                WriteObject(RunInBackground(token => _connection.SubmitAsync(prepared, token)));
            }
            catch (SeedanceException ex) when (!ex.SubmitMayHaveSucceeded)
            {
                _budget?.Release(prepared.EstimatedCost);
                throw;
            }
        }
        catch (SeedanceException ex) when (FailsEveryInput(ex))
        {
            // A bad parameter or an unusable account would fail for every input: stop now.
            ThrowSeedanceError(ex, Describe(request));
        }
        catch (SeedanceException ex)
        {
            // Per input: one bad image or one refused submit must not sink the rest of a batch.
            WriteSeedanceError(ex, Describe(request));
        }
    }

    private string Describe(VideoRequest? request) =>
        request is null ? string.Join(", ", Image ?? new string[0]) : VideoRequestBinding.Describe(request);

    /// <summary>
    /// A bad value given on the command line, or an unusable account, fails every input alike. A value that came
    /// with one pipeline input (a CSV row's Duration) is that input's error only: the rows before it were paid for,
    /// and their tasks must still reach Wait and Save.
    /// </summary>
    private bool FailsEveryInput(SeedanceException ex) =>
        ex.Category is SeedanceErrorCategory.Authentication or SeedanceErrorCategory.InsufficientBalance
        || (ex.Category == SeedanceErrorCategory.Validation && ex.ParameterName is not (null or "Image" or "LastImage" or "MaxCost")
            && Array.IndexOf(_givenForAll, ex.ParameterName) >= 0);
}
