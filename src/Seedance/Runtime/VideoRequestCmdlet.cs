using System;
using System.Collections;
using System.Management.Automation;
using Seedance.Connections;
using Seedance.Requests;

namespace Seedance.Commands.Runtime;

/// <summary>
/// The parameters of a video request, one request per pipeline input, shared by the cmdlets that take one:
/// New-SeedanceVideo submits it, Measure-SeedanceCost prices it, Invoke-SeedanceVideo submits, waits and saves.
/// </summary>
public abstract class VideoRequestCmdlet : BackgroundWorkCmdlet
{
    /// <summary>Parameters given on the command line, as opposed to bound from each pipeline input.</summary>
    private string[] _givenForAll = new string[0];

    /// <summary>Image files (paths or FileInfo), https URLs or data: URIs, each a whole JPEG or PNG; all values of one pipeline input go into one task. A relative path is resolved against the current location, also when it comes from a CSV row (Import-Csv does not say where its file was): run the batch from the CSV's folder, or write full paths.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [RowIsNotAValue("Image", "FullName", "Path", "ImagePath", "Url")]
    [BlankIsNotGiven]
    [Alias("FullName", "Path", "ImagePath", "Url")]
    public string[]? Image { get; set; }

    /// <summary>What should happen in the video, camera moves included ("slow orbital pan, soft studio light"). Refer to reference images as @Image1, @Image2, reference videos as @Video1 and reference audio as @Audio1 where the model supports them.</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [BlankIsNotGiven]
    public string? Prompt { get; set; }

    /// <summary>Reference images (paths, FileInfo, https URLs or data: URIs), in order, always sent as references, even one (where -Image would make one image the first frame); the prompt refers to them as @Image1, @Image2. Not with -Image or -LastImage: a task is one or the other.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [BlankIsNotGiven]
    public string[]? ReferenceImage { get; set; }

    /// <summary>The last frame (a path or URL), for first-and-last-frame generation.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [BlankIsNotGiven]
    public string? LastImage { get; set; }

    /// <summary>Reference videos (MP4/MOV, up to 3, each 2-15 s and 15 s in all), in order: local files (checked, then uploaded where the provider has an upload endpoint), https URLs, or asset:// ids on Ark. The prompt refers to them as @Video1, @Video2. Get-SeedanceModel lists the models that take them (MaxReferenceVideos).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [BlankIsNotGiven]
    public string[]? ReferenceVideo { get; set; }

    /// <summary>Reference audio (MP3/WAV, up to 3, each 2-15 s and 15 s in all), in order, with an image or reference video too: local files (checked, then uploaded, or inline on Ark), https URLs, or asset:// ids on Ark. The prompt refers to them as @Audio1, @Audio2.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [BlankIsNotGiven]
    public string[]? ReferenceAudio { get; set; }

    /// <summary>Length of the video in seconds; the model's default when omitted. Get-SeedanceModel lists what each model allows.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [BlankIsNotGiven]
    [Alias("DurationSeconds")]
    [ArgumentCompleter(typeof(DurationCompleter))]
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

    /// <summary>Start this clip where another ended: a finished task (its last-frame image, from -ReturnLastFrame on Ark), a saved video (a VideoFile from Save-SeedanceVideo, a FileInfo or a path: its final frame, taken with ffmpeg). The frame becomes this clip's first frame, so -Image is not given with it.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [BlankIsNotGiven]
    public object? ContinueFrom { get; set; }

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

    /// <summary>Ask for the video's last frame as a PNG too (Ark's return_last_frame), saved beside the video by Save-SeedanceVideo, to start the next clip of a chain from (-ContinueFrom).</summary>
    [Parameter]
    public SwitchParameter ReturnLastFrame { get; set; }

    /// <summary>A seed for reproducible output, where the model accepts one.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [BlankIsNotGiven]
    public long? Seed { get; set; }

    /// <summary>An https address the provider calls when the task finishes, where the provider supports webhooks.</summary>
    [Parameter]
    public Uri? WebhookUrl { get; set; }

    /// <summary>Raw fields added to the provider's request body, for options this module does not model. A field it does model (duration, images, webhook...) is refused, naming the parameter to use instead.</summary>
    [Parameter]
    public Hashtable? ExtraField { get; set; }

    /// <summary>The most this command may spend in total (US dollars): by the provider's own quote where it gives one (WaveSpeed), otherwise by the published prices.</summary>
    [Parameter]
    [ValidateRange(0, 1000000)]
    public decimal? MaxCost { get; set; }

    /// <summary>Use the connection of this provider (see Connect-Seedance) instead of the default one.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(ProviderNameCompleter))]
    public string? Provider { get; set; }

    /// <summary>Use the connection with this name (Connect-Seedance -Name) instead of the default one.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(ConnectionNameCompleter))]
    public string? Connection { get; set; }

    /// <summary>The connection the requests go to: -Connection, -Provider's, or the default one.</summary>
    protected SeedanceConnection? RequestConnection { get; private set; }

    /// <summary>Parameters given on the command line (pipeline inputs are bound only after BeginProcessing).</summary>
    protected string[] GivenForAll => _givenForAll;

    protected override void BeginProcessing()
    {
        try
        {
            RequestConnection = State.Session.FindOrConnect(Connection, Provider);
        }
        catch (SeedanceException ex)
        {
            ThrowSeedanceError(ex, Connection ?? Provider);
        }

        _givenForAll = new string[MyInvocation.BoundParameters.Count];
        MyInvocation.BoundParameters.Keys.CopyTo(_givenForAll, 0);
    }

    /// <summary>
    /// Binds and checks this pipeline input, then hands it to <paramref name="handle"/>. A failure is this input's
    /// error (one bad image or one refused submit must not sink the rest of a batch), or stops the command when it
    /// would fail every input (a bad parameter, an unusable account).
    /// </summary>
    protected void ForEachInput(Action<VideoRequest, PreparedRequest> handle)
    {
        VideoRequest? request = null;
        try
        {
            request = VideoRequestBinding.From(this);
            if (ContinueFrom is not null)
            {
                request.Images.Add(ContinuationOf(ContinueFrom, request));
            }

            var prepared = RequestConnection!.Prepare(request);
            foreach (var warning in prepared.Warnings)
            {
                WriteWarning(warning);
            }

            handle(request, prepared);
        }
        catch (SeedanceException ex) when (FailsEveryInput(ex))
        {
            ThrowSeedanceError(ex, Describe(request));
        }
        catch (SeedanceException ex)
        {
            WriteSeedanceError(ex, Describe(request));
        }
    }

    /// <summary>The first frame -ContinueFrom gives: the end of a task, or of a saved video (taken in the background, as ffmpeg may take a while).</summary>
    private ImageInput ContinuationOf(object value, VideoRequest request)
    {
        if (request.Images.Count > 0)
        {
            throw new SeedanceException(SeedanceErrorCategory.Validation, ErrorIds.ContinueFromWithImage,
                "-ContinueFrom gives the clip its first frame (where the other clip ended), so -Image cannot be given with it. Leave -Image out, or leave -ContinueFrom out and give the first frame as -Image.") { ParameterName = "ContinueFrom" };
        }

        return (value is PSObject wrapped ? wrapped.BaseObject : value) switch
        {
            VideoTask task => ContinuationFrame.OfTask(task),
            VideoFile file => RunInBackground(token => ContinuationFrame.OfVideoAsync(file.Path, token)),
            System.IO.FileInfo file => RunInBackground(token => ContinuationFrame.OfVideoAsync(file.FullName, token)),
            var path => RunInBackground(token => ContinuationFrame.OfVideoAsync(PathResolution.FileSystemPath(this, path.ToString()!), token)),
        };
    }

    protected string Describe(VideoRequest? request) =>
        request is null ? string.Join(", ", Image ?? new string[0]) : VideoRequestBinding.Describe(request);

    /// <summary>
    /// A bad value given on the command line, or an unusable account, fails every input alike. A value that came
    /// with one pipeline input (a CSV row's Duration) is that input's error only: the rows before it were paid for,
    /// and their tasks must still reach Wait and Save.
    /// </summary>
    protected bool FailsEveryInput(SeedanceException ex) =>
        ex.Category is SeedanceErrorCategory.Authentication or SeedanceErrorCategory.InsufficientBalance
        || (ex.Category == SeedanceErrorCategory.Validation && ex.ParameterName is not (null or "Image" or "LastImage" or "ReferenceVideo" or "ReferenceAudio" or "MaxCost")
            && Array.IndexOf(_givenForAll, ex.ParameterName) >= 0);
}
