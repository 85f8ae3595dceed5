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
    /// Task creations each key may make per minute where the provider documents a create-rate limit (Replicate:
    /// 600); the next one is answered 429 with Retry-After. 0 means no limit.
    /// </summary>
    public int CreatesPerMinute { get; set; } = 600;

    /// <summary>When set, every video file is padded to exactly this many bytes (for download benchmarks).</summary>
    public long? OutputBytes { get; set; }

    /// <summary>One IDR frame every this many seconds (0 = one only); more make larger, livelier videos.</summary>
    public double KeyframeIntervalSeconds { get; set; }

    /// <summary>A prompt containing this fails the task the way the provider reports a generation failure.</summary>
    public string FailMarker { get; set; } = "#fail";

    /// <summary>A prompt containing this is refused by "moderation", the way the provider reports it.</summary>
    public string ContentPolicyMarker { get; set; } = "#nsfw";

    /// <summary>Scripted faults: status codes, delays, dropped connections, cut-off answers.</summary>
    public FaultPlan Faults { get; set; } = new();

    /// <summary>A prompt containing this never finishes (the stuck task providers are known for).</summary>
    public string StuckMarker { get; set; } = "#stuck";
}
