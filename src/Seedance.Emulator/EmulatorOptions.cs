using System;
using Seedance.Emulator.Faults;

namespace Seedance.Emulator;

/// <summary>How the emulator behaves: how long generations take, how many run at once, which key it accepts.</summary>
public sealed class EmulatorOptions
{
    /// <summary>0 picks a free port.</summary>
    public int Port { get; set; }

    /// <summary>The key every twin requires; null accepts any non-empty key.</summary>
    public string? ApiKey { get; set; }

    /// <summary>How long one generation runs once it has started.</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Time a new task spends as created/queued before it may start.</summary>
    public TimeSpan QueueDelay { get; set; } = TimeSpan.Zero;

    /// <summary>Generations running at once per key; the rest wait in the provider's queue. 0 means no limit.</summary>
    public int ConcurrencyLimit { get; set; } = 10;

    /// <summary>
    /// Submits one key may make per minute before a twin answers as its provider answers an exhausted quota
    /// (429). Null keeps each provider's documented figure (Replicate: 600; WaveSpeed's depends on the account
    /// tier, so none); 0 turns every quota off.
    /// </summary>
    public int? SubmitsPerMinute { get; set; }

    /// <summary>When set, every video file is padded to exactly this many bytes (for download benchmarks).</summary>
    public long? OutputBytes { get; set; }

    /// <summary>One IDR frame every this many seconds (0 = one only); more make larger, livelier videos.</summary>
    public double KeyframeIntervalSeconds { get; set; }

    /// <summary>A prompt containing this fails the task the way the provider reports a generation failure.</summary>
    public string FailMarker { get; set; } = "#fail";

    /// <summary>A prompt containing this is refused by "moderation", the way the provider reports it.</summary>
    public string ContentPolicyMarker { get; set; } = "#nsfw";

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
}
