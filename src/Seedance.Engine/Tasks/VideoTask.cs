namespace Seedance;

/// <summary>
/// One generation task at one moment. Immutable: every status check yields a new snapshot, so an object a
/// script holds never changes under it while background threads keep polling.
/// </summary>
/// <remarks>
/// Carries no secret: the connection is referred to by name only. <see cref="ToString"/> returns the id so a
/// task can be passed wherever a task id is expected.
/// </remarks>
public sealed record VideoTask
{
    public VideoTask(string id, string provider, string model)
    {
        Id = id;
        Provider = provider;
        Model = model;
    }

    /// <summary>The provider's task id, treated as opaque.</summary>
    public string Id { get; }

    /// <summary>The provider's name, e.g. <c>WaveSpeed</c>.</summary>
    public string Provider { get; }

    /// <summary>The model id in the provider's spelling.</summary>
    public string Model { get; }

    /// <summary>The connection profile the task was submitted through, so later cmdlets can find it again.</summary>
    public string? Connection { get; init; }

    /// <summary>
    /// The API address the task was submitted to. It is followed there and nowhere else: a task of the emulator is
    /// never looked for at the real provider, whatever the connection of that name points at now.
    /// </summary>
    public Uri? BaseUri { get; init; }

    /// <summary>
    /// Where the task stands: Queued, Running, Succeeded, Failed, Cancelled or Expired. A name rather than an enum, so
    /// a view, a filter (<c>Where-Object State -eq Succeeded</c>) and ConvertTo-Json all read the same word:
    /// ConvertTo-Json writes a public enum as its number.
    /// </summary>
    public string State => Lifecycle.ToString();

    /// <summary>The state as the engine's enum; internal so serialisers of the public surface never see the number.</summary>
    internal TaskState Lifecycle { get; init; }

    /// <summary>When the task was created (the provider's clock when it says, ours otherwise).</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the task reached a final state, as far as we know.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>When we last heard from the provider about this task.</summary>
    public DateTimeOffset? CheckedAt { get; init; }

    /// <summary>Where the finished video can be downloaded (often valid for a limited time only).</summary>
    public Uri? VideoUrl { get; init; }

    /// <summary>Where the video's last frame can be downloaded as a PNG, when it was asked for (-ReturnLastFrame); as short-lived as <see cref="VideoUrl"/>.</summary>
    public Uri? LastFrameUrl { get; init; }

    /// <summary>The provider's failure message, when the task failed.</summary>
    public string? Error { get; init; }

    /// <summary>The provider's machine-readable failure code, when it gave one.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>
    /// What kind of failure ended the task, the same on every provider: ContentPolicy for a moderation refusal,
    /// Server for a generation that failed, Timeout for an expired task; null unless it failed or expired.
    /// </summary>
    public string? FailureCategory => FailureKind?.ToString();

    /// <summary>The failure kind as the engine's enum, internal for the same reason as <see cref="Lifecycle"/>.</summary>
    internal SeedanceErrorCategory? FailureKind { get; init; }

    /// <summary>
    /// For a task refused by moderation, what the provider flagged: GeneratedVideo, GeneratedAudio, or the parameter of
    /// an input (Image, Prompt, ReferenceVideo...); null when it did not say or the task was not refused.
    /// </summary>
    public string? FlaggedInput { get; init; }

    /// <summary>What this module estimated the task costs, in US dollars, before it was submitted.</summary>
    public decimal? EstimatedCost { get; init; }

    /// <summary>What the provider says it charged, in US dollars, when it reports it.</summary>
    public decimal? ReportedCost { get; init; }

    /// <summary>Generation time the provider reports, in milliseconds.</summary>
    public long? InferenceMs { get; init; }

    /// <summary>The provider's per-output NSFW flags, when it reports them.</summary>
    public IReadOnlyList<bool> NsfwFlags { get; init; } = Array.Empty<bool>();

    /// <summary>The place in the provider's queue, when it reports one.</summary>
    public int? QueuePosition { get; init; }

    public string? Prompt { get; init; }

    public int? DurationSeconds { get; init; }

    public string? Resolution { get; init; }

    public string? AspectRatio { get; init; }

    /// <summary>The name of the first input image (a file's name or a URL's last segment), for file naming.</summary>
    public string? SourceImage { get; init; }

    /// <summary>Time from creation to completion, or to the last check while still running.</summary>
    public TimeSpan? Elapsed =>
        (CompletedAt ?? CheckedAt) is { } end && CreatedAt != default ? end - CreatedAt : null;

    public bool IsFinal => Lifecycle.IsFinal();

    public override string ToString() => Id;
}
