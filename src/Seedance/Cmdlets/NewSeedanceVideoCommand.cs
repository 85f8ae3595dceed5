using System;
using System.Collections;
using System.Management.Automation;
using Seedance.Commands.Runtime;
using Seedance.Connections;
using Seedance.Pricing;

namespace Seedance.Commands.Cmdlets;

/// <summary>
/// <para type="synopsis">Submits a video generation task; one per pipeline input.</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "SeedanceVideo", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(VideoTask))]
public sealed class NewSeedanceVideoCommand : AsyncCmdlet
{
    private SeedanceConnection? _connection;
    private CostBudget? _budget;

    /// <summary>Image files (paths or FileInfo) or http(s) URLs; all values of one pipeline input go into one task.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName", "Path", "ImagePath", "Url")]
    public string[]? Image { get; set; }

    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    public string? Prompt { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? LastImage { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("DurationSeconds")]
    public int? Duration { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ResolutionCompleter))]
    public string? Resolution { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(AspectRatioCompleter))]
    public string? AspectRatio { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ModelNameCompleter))]
    public string? Model { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string[]? Shot { get; set; }

    [Parameter] public SwitchParameter GenerateAudio { get; set; }

    [Parameter] public SwitchParameter CameraFixed { get; set; }

    [Parameter] public SwitchParameter Watermark { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)] public long? Seed { get; set; }

    [Parameter] public double? MotionStrength { get; set; }

    [Parameter] public Uri? WebhookUrl { get; set; }

    /// <summary>Raw fields added to the provider's request body, for options this module does not model.</summary>
    [Parameter] public Hashtable? ExtraField { get; set; }

    /// <summary>The most this command may spend in total (US dollars, by the published prices).</summary>
    [Parameter]
    [ValidateRange(0, 1000000)]
    public decimal? MaxCost { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(ProviderNameCompleter))]
    public string? Provider { get; set; }

    [Parameter] public string? Connection { get; set; }

    protected override void BeginProcessing()
    {
        try
        {
            _connection = State.Session.Resolve(Connection, Provider);
        }
        catch (SeedanceException ex)
        {
            ThrowSeedanceError(ex, Connection ?? Provider);
        }

        _budget = MaxCost is { } limit ? new CostBudget(limit) : null;
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

    private static bool FailsEveryInput(SeedanceException ex) =>
        ex.Category is SeedanceErrorCategory.Authentication or SeedanceErrorCategory.InsufficientBalance
        || (ex.Category == SeedanceErrorCategory.Validation && ex.ParameterName is not (null or "Image" or "LastImage" or "MaxCost"));
}
