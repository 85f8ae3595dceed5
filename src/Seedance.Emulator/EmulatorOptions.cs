using Seedance.Emulator.Faults;
using Seedance.Emulator.Recording;
using Seedance.Emulator.Server;

namespace Seedance.Emulator;

/// <summary>How the emulator behaves: how long generations take, how many run at once, which key it accepts.</summary>
public sealed class EmulatorOptions
{
    /// <summary>0 picks a free port.</summary>
    public int Port { get; set; }

    /// <summary>The key every twin requires; null accepts any non-empty key.</summary>
    public string? ApiKey { get; set; }

    /// <summary>How long one generation runs once it has started; the shortest, when <see cref="LatencyMaximum"/> is set.</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>When set, each generation runs for a time drawn evenly between <see cref="Latency"/> and this, as real ones vary.</summary>
    public TimeSpan? LatencyMaximum { get; set; }

    /// <summary>Time a new task spends as created/queued before it may start.</summary>
    public TimeSpan QueueDelay { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// Generations running at once per key and provider; the rest wait in the provider's queue (AI/ML API answers
    /// 429 instead, as it documents). 0 means no limit. <see cref="ConcurrencyLimitByProvider"/> overrides it.
    /// </summary>
    public int ConcurrencyLimit { get; set; } = 10;

    /// <summary>Concurrency limits of single providers, by the module's provider names (as a tier sets them).</summary>
    public IDictionary<string, int> ConcurrencyLimitByProvider { get; } = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Submits one key may make per minute before a twin answers as its provider answers an exhausted quota
    /// (429). Null keeps each provider's documented figure (Replicate: 600; WaveSpeed's depends on the account
    /// tier, so none); 0 turns every quota off.
    /// </summary>
    public int? SubmitsPerMinute { get; set; }

    /// <summary>Submit quotas of single providers (WaveSpeed's tiers: Bronze 5, Silver 60, Gold 600 videos a minute).</summary>
    public IDictionary<string, int> SubmitsPerMinuteByProvider { get; } = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// When set, every video file is made exactly this many bytes (for download benchmarks): padded up, and first made
    /// compact (a still grey mosaic of its opening picture) when the full video is larger. See <see cref="Media.SyntheticVideoSpec.PadToBytes"/>.
    /// </summary>
    public long? OutputBytes { get; set; }

    /// <summary>One IDR frame every this many seconds (0 = one only); more make larger, livelier videos.</summary>
    public double KeyframeIntervalSeconds { get; set; }

    /// <summary>A prompt containing this fails the task the way the provider reports a generation failure.</summary>
    public string FailMarker { get; set; } = "#fail";

    /// <summary>A prompt containing this is refused by "moderation", the way the provider reports it.</summary>
    public string ContentPolicyMarker { get; set; } = "#nsfw";

    /// <summary>
    /// A prompt containing this has its generated audio refused by "moderation" (checked before
    /// <see cref="ContentPolicyMarker"/>, which it contains), where a twin tells audio refusals apart (Ark).
    /// </summary>
    public string AudioPolicyMarker { get; set; } = "#nsfw-audio";

    /// <summary>
    /// A prompt containing this has its input images refused by "moderation" as showing a real person, the way the
    /// provider refuses them (Ark at create time, fal in the request's result), on a request that has images.
    /// </summary>
    public string RealPersonMarker { get; set; } = "#real-person";

    /// <summary>
    /// How long a video URL stays valid (providers sign theirs: Ark and AI/ML for 24 h, Replicate deletes
    /// outputs after an hour); null keeps URLs valid for good. An expired URL is refused, and a fresh status
    /// answer carries a new one.
    /// </summary>
    public TimeSpan? OutputUrlLifetime { get; set; }

    /// <summary>What an expired URL answers: 403, as signed object storage does, or 404.</summary>
    public int ExpiredUrlStatus { get; set; } = 403;

    /// <summary>Scripted faults: status codes, delays, dropped connections, cut-off answers.</summary>
    public FaultPlan Faults { get; set; } = new();

    /// <summary>
    /// The <c>whsec_…</c> secret WaveSpeed's and Replicate's webhooks are signed with, as each answers it at its
    /// secret endpoint; null makes a random one (per key for WaveSpeed, one for Replicate). fal's webhooks are signed
    /// with the emulator's own Ed25519 key, whose public half its JWKS serves.
    /// </summary>
    public string? WebhookSecret { get; set; }

    /// <summary>A prompt containing this never finishes (the stuck task providers are known for).</summary>
    public string StuckMarker { get; set; } = "#stuck";

    /// <summary>When set, each succeeded task's video is also written here, as {task id}.mp4 (created if missing).</summary>
    public string? OutputFolder { get; set; }

    /// <summary>The most records the recorder keeps (requests, tasks, faults, webhooks); the oldest go first. 0 records nothing.</summary>
    public int RecordLimit { get; set; } = EmulatorRecorder.DefaultLimit;

    /// <summary>The concurrency limit of <paramref name="provider"/>'s twin.</summary>
    public int ConcurrencyLimitFor(string provider) =>
        ConcurrencyLimitByProvider.TryGetValue(provider, out var limit) ? limit : ConcurrencyLimit;

    /// <summary>The submit quota of <paramref name="provider"/>'s twin; null keeps the provider's documented figure.</summary>
    public int? SubmitsPerMinuteFor(string provider) =>
        SubmitsPerMinuteByProvider.TryGetValue(provider, out var limit) ? limit : SubmitsPerMinute;

    /// <summary>Refuses settings that cannot work, naming the setting in the message (which is shown as it is), before the emulator starts.</summary>
    internal void Validate()
    {
        if (Latency < TimeSpan.Zero)
        {
            throw new ArgumentException($"The latency must not be negative (it is {Latency.TotalSeconds} s).");
        }

        if (LatencyMaximum is { } maximum && maximum < Latency)
        {
            throw new ArgumentException($"The latency range must run from the shorter time to the longer: {Latency.TotalSeconds} s to {maximum.TotalSeconds} s is backwards.");
        }

        if (WebhookSecret is { } secret && Server.WebhookSecrets.ProblemWith(secret) is { } problem)
        {
            throw new ArgumentException(problem);
        }

        if (RecordLimit < 0)
        {
            throw new ArgumentException($"The record limit must be 0 (record nothing) or more, not {RecordLimit}.");
        }

        foreach (var (setting, limits) in new[] { (nameof(ConcurrencyLimit), ConcurrencyLimitByProvider), (nameof(SubmitsPerMinute), SubmitsPerMinuteByProvider) })
        {
            if (limits.FirstOrDefault(limit => limit.Value < 0) is { Key: not null } negative)
            {
                throw new ArgumentException($"The {setting} of {negative.Key} must be 0 (no limit) or more, not {negative.Value}.");
            }
        }
    }

    /// <summary>Refuses per-provider settings that name a provider the emulator does not serve, or cannot limit.</summary>
    internal void ValidateProviders(IReadOnlyCollection<string> served)
    {
        foreach (var name in ConcurrencyLimitByProvider.Keys.Concat(SubmitsPerMinuteByProvider.Keys))
        {
            if (!served.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"The emulator has no twin of '{name}'. It serves: {string.Join(", ", served)}.");
            }
        }

        foreach (var name in SubmitsPerMinuteByProvider.Keys)
        {
            if (!SubmitQuota.Providers.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                throw new ArgumentException(
                    $"{name} publishes no submit quota, so its twin has none to set; {string.Join(" and ", SubmitQuota.Providers)} do. Limit {name} with a concurrency limit instead.");
            }
        }
    }
}
