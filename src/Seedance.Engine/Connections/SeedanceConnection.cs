using Seedance.Http;
using Seedance.Journal;
using Seedance.Media;
using Seedance.Pricing;
using Seedance.Providers;
using Seedance.Requests;
using Seedance.Tasks;

namespace Seedance.Connections;

/// <summary>
/// One provider account as the user connected it, and the service that works it: the HTTP core, the submitter, the
/// watcher, the downloader, and the lifecycle that owns its tasks' ends and its throttle. What users see of it is a
/// <see cref="ConnectionInfo"/> (<see cref="Describe"/>); the machinery is never handed out.
/// </summary>
public sealed class SeedanceConnection : IDisposable
{
    private readonly IVideoProvider _provider;
    private readonly TaskJournal _journal;
    private readonly TaskLifecycle _lifecycle;
    private readonly TaskWatcher _watcher;
    private readonly TaskSubmitter _submitter;
    private readonly DownloadAdmission _downloads;

    internal SeedanceConnection(ConnectionOptions options, IVideoProvider provider, ApiKeySecret key, TaskJournal journal, GenerationTimes times)
    {
        _provider = provider;
        _journal = journal;
        Name = string.IsNullOrWhiteSpace(options.Name) ? provider.Info.Name : options.Name!;
        Region = RegionOf(provider.Info, options.Region);
        BaseUri = options.BaseUri is not null ? UriPolicy.RequireSafeBaseUri(options.BaseUri, "BaseUri")
            : Region is not null ? provider.Info.Regions[Region]
            : provider.Info.DefaultBaseUri;
        KeySource = key.Source;
        DefaultModel = options.DefaultModel;
        ThrottleLimit = options.ThrottleLimit;
        SubmitsInFlight = options.SubmitsInFlight;
        Http = new SeedanceHttp(provider.Info.Name, provider.Info.AuthScheme, key, provider.DescribeFailure, options.Http);
        Context = new ProviderContext(Http, BaseUri) { Region = Region };
        _lifecycle = new TaskLifecycle(journal, options.ThrottleLimit);
        _watcher = new TaskWatcher(
            (task, token) => _provider.RefreshAsync(Context, task, token),
            task => times.Expect(task.Provider, task.Model, task.DurationSeconds, task.Resolution, TypicalTimeOf(task)),
            (task, took) => times.Observe(task.Provider, task.Model, task.DurationSeconds, task.Resolution, took),
            new PollSchedule(),
            options.PollsInFlight,
            _lifecycle);
        _downloads = new DownloadAdmission(options.DownloadsInFlight);
        _submitter = new TaskSubmitter(provider, Context, journal, _watcher, _lifecycle, _downloads, Name);
        Downloader = new VideoDownloader(Http);
        LastFrames = new LastFrameDownloader(Http);
    }

    public string Name { get; }

    public string Provider => _provider.Info.Name;

    public Uri BaseUri { get; }

    /// <summary>The provider region (e.g. Ark's BytePlus or Volcengine); null for one-region providers.</summary>
    public string? Region { get; }

    /// <summary>Where the key came from; the key itself is never exposed.</summary>
    public string KeySource { get; }

    public string? DefaultModel { get; }

    public int ThrottleLimit { get; }

    /// <summary>How many submits a caller keeps on the wire at once (see <see cref="ConnectionOptions.SubmitsInFlight"/>).</summary>
    public int SubmitsInFlight { get; }

    /// <summary>Tasks of this connection not yet finished.</summary>
    public int PendingTasks => _lifecycle.Unfinished;

    public ProviderInfo ProviderInfo => _provider.Info;

    internal SeedanceHttp Http { get; }

    internal ProviderContext Context { get; }

    internal VideoDownloader Downloader { get; }

    internal LastFrameDownloader LastFrames { get; }

    /// <summary>
    /// Raised on a background thread when a task of this connection changes state or queue position. Subscribers
    /// hear one at a time; one that throws is skipped and fails nothing else.
    /// </summary>
    public event Action<VideoTask> TaskChanged
    {
        add => _lifecycle.Changed += value;
        remove => _lifecycle.Changed -= value;
    }

    /// <summary>What users see of this connection, now.</summary>
    public ConnectionInfo Describe(bool isDefault) =>
        new(Name, Provider, BaseUri, Region, KeySource, DefaultModel, ThrottleLimit, PendingTasks, isDefault);

    /// <summary>Validates the request for this provider and readies it; no network traffic.</summary>
    public PreparedRequest Prepare(VideoRequest request)
    {
        if (request.Model is null && DefaultModel is not null)
        {
            request.Model = DefaultModel;
        }

        return RequestPreparer.Prepare(_provider, request);
    }

    /// <summary>
    /// What <paramref name="request"/> will cost: the provider's own quote where it gives one (it is what will be
    /// billed), otherwise the published price list. A failed quote is an error, not a silent fall-back to the list:
    /// a cap must count what the provider will charge.
    /// </summary>
    public async Task<TaskPrice> PriceAsync(PreparedRequest request, CancellationToken cancellationToken) =>
        _provider is IPriceQuoter quoter
            ? await quoter.QuoteAsync(Context, request, cancellationToken).ConfigureAwait(false)
            : TaskPrice.FromPriceList(request.Model, request.EffectiveResolution, request.EstimatedCost, request.ReferenceVideoSeconds is not null);

    public Task<VideoTask> SubmitAsync(PreparedRequest request, CancellationToken cancellationToken) =>
        _submitter.SubmitAsync(request, cancellationToken);

    /// <summary>Submits with a throttle slot taken beforehand (<see cref="TryTakeSlot"/>, <see cref="TakeSlotAsync"/>); the task holds it until it ends.</summary>
    public Task<VideoTask> SubmitAsync(PreparedRequest request, ThrottleSlot slot, CancellationToken cancellationToken) =>
        _submitter.SubmitAsync(request, slot, cancellationToken);

    /// <summary>A free throttle slot, taken now; null when the connection's tasks fill every slot.</summary>
    public ThrottleSlot? TryTakeSlot() => _lifecycle.TryTakeSlot();

    /// <summary>A throttle slot, waiting for one of the connection's tasks to end when every slot is taken.</summary>
    public Task<ThrottleSlot> TakeSlotAsync(CancellationToken cancellationToken) => _lifecycle.TakeSlotAsync(cancellationToken);

    /// <summary>What this connection's provider lists about a journalled submit that never got its answer.</summary>
    internal Task<SubmitSettlement> SettleAsync(SubmitIntent intent, CancellationToken cancellationToken) =>
        LostSubmitRecovery.SettleAsync(_provider, Context, _journal, intent, cancellationToken);

    /// <summary>One status request, now.</summary>
    public async Task<VideoTask> RefreshAsync(VideoTask task, CancellationToken cancellationToken)
    {
        var snapshot = await _provider.RefreshAsync(Context, Adopt(task), cancellationToken).ConfigureAwait(false);
        return snapshot;
    }

    /// <summary>The task's final snapshot, or a timeout error naming the task.</summary>
    public Task<VideoTask> WaitAsync(VideoTask task, TimeSpan timeout, CancellationToken cancellationToken) =>
        WaitAsync(task, timeout, cancelOnTimeout: false, cancellationToken);

    /// <summary>The task's final snapshot, or a timeout error naming the task.</summary>
    /// <param name="cancelOnTimeout">
    /// When the deadline passes, cancel the task at the provider where it can (-CancelOnTimeout), so a stuck task
    /// stops holding a paid slot; the error says what the provider did.
    /// </param>
    public async Task<VideoTask> WaitAsync(VideoTask task, TimeSpan timeout, bool cancelOnTimeout, CancellationToken cancellationToken)
    {
        var final = _watcher.Watch(Adopt(task));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var gaveUp = Task.Delay(Timeout.Infinite, deadline.Token);
        if (await Task.WhenAny(final, gaveUp).ConfigureAwait(false) == final)
        {
            return await final.ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var latest = _watcher.Latest(task.Id) ?? Adopt(task);
        if (!cancelOnTimeout)
        {
            throw WaitTimeout.LeftRunning(latest, timeout);
        }

        (CancelOutcome Outcome, VideoTask Task) cancel;
        try
        {
            cancel = await CancelAsync(latest, cancellationToken).ConfigureAwait(false);
        }
        catch (SeedanceException failure)
        {
            throw WaitTimeout.CancelFailed(latest, timeout, failure);
        }

        // It finished as the deadline passed: there was nothing left to cancel, and the result is the user's.
        return cancel.Outcome == CancelOutcome.AlreadyFinished ? cancel.Task : throw WaitTimeout.AfterCancel(cancel.Task, timeout, cancel.Outcome, ProviderInfo);
    }

    /// <summary>Cancels remotely where the provider can; a finished task is left alone.</summary>
    public async Task<(CancelOutcome Outcome, VideoTask Task)> CancelAsync(VideoTask task, CancellationToken cancellationToken)
    {
        var current = await RefreshAsync(task, cancellationToken).ConfigureAwait(false);
        if (current.IsFinal)
        {
            return (CancelOutcome.AlreadyFinished, current);
        }

        var outcome = await _provider.CancelAsync(Context, current, cancellationToken).ConfigureAwait(false);
        if (outcome == CancelOutcome.Cancelled)
        {
            current = current with { Lifecycle = TaskState.Cancelled, CompletedAt = DateTimeOffset.UtcNow };
            _watcher.Forget(current);
        }

        return (outcome, current);
    }

    /// <summary>
    /// Downloads a finished task's video (a task not known to be finished is looked up once more and refused if it still
    /// is not), at most N at once and fewer while this connection's submits are under way (see <see cref="DownloadAdmission"/>).
    /// </summary>
    public async Task<VideoFile> SaveAsync(VideoTask task, string targetPath, bool overwrite, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        VideoFile file;
        using (await _downloads.EnterAsync(cancellationToken).ConfigureAwait(false))
        {
            file = await Downloader.DownloadAsync(Adopt(task), targetPath, overwrite, token => RefreshAsync(task, token), progress, cancellationToken).ConfigureAwait(false);
            file = await WithLastFrameAsync(file, cancellationToken).ConfigureAwait(false);
        }

        // The slot is for the network: the next download starts while this line waits for the journal's flush.
        await _journal.TryRecordAsync(file.Task, journal => journal.RecordSavedAsync(file.Task, file.Path)).ConfigureAwait(false);
        return file;
    }

    /// <summary>
    /// The saved video with its last frame beside it, when the provider returned one. The video is what was paid for:
    /// a frame that cannot be fetched is a warning, never the loss of the saved file.
    /// </summary>
    private async Task<VideoFile> WithLastFrameAsync(VideoFile file, CancellationToken cancellationToken)
    {
        if (file.Task.LastFrameUrl is null)
        {
            return file;
        }

        try
        {
            return file with { LastFramePath = await LastFrames.DownloadAsync(file.Task, file.Path, cancellationToken).ConfigureAwait(false) };
        }
        catch (SeedanceException ex)
        {
            SeedanceLog.Warning($"The video of task {file.Task.Id} is saved, but not its last frame: {ex.Message}");
            return file;
        }
    }

    private static string? RegionOf(ProviderInfo provider, string? requested)
    {
        if (provider.Regions.Count == 0)
        {
            return requested is null ? null : throw new SeedanceException(SeedanceErrorCategory.Validation, ErrorIds.RegionNotSupported,
                $"-Region does not apply to {provider.Name}, which has one region.") { ParameterName = "Region" };
        }

        if (requested is null)
        {
            return provider.Regions.Keys.First();
        }

        return provider.Regions.Keys.FirstOrDefault(region => string.Equals(region, requested, StringComparison.OrdinalIgnoreCase))
            ?? throw new SeedanceException(SeedanceErrorCategory.Validation, ErrorIds.RegionNotKnown,
                $"-Region '{requested}' is not a {provider.Name} region. Choose one of: {string.Join(", ", provider.Regions.Keys)}.") { ParameterName = "Region" };
    }

    /// <summary>A task from elsewhere (the journal, another connection's name) treated as this connection's.</summary>
    private VideoTask Adopt(VideoTask task) => task.Connection == Name && task.BaseUri == BaseUri ? task : task with { Connection = Name, BaseUri = BaseUri };

    private TimeSpan TypicalTimeOf(VideoTask task) =>
        (_provider.Info.FindModel(task.Model) ?? _provider.Info.DefaultModel).TypicalGenerationTime;

    public override string ToString() => Name;

    public void Dispose()
    {
        _watcher.Dispose();
        _lifecycle.Dispose();
        Http.Dispose();
    }
}
