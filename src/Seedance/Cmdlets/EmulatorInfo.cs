using System;
using System.Collections.Generic;
using Seedance.Emulator;

namespace Seedance;

/// <summary>What Start-SeedanceEmulator reports: where the emulator listens and how it behaves.</summary>
public sealed class EmulatorInfo
{
    public EmulatorInfo(Uri root, IReadOnlyDictionary<string, Uri> baseUris, EmulatorOptions options)
    {
        Root = root;
        BaseUris = baseUris;
        Latency = options.Latency;
        LatencyMaximum = options.LatencyMaximum;
        ConcurrencyLimit = options.ConcurrencyLimit;
        ConcurrencyLimitByProvider = new Dictionary<string, int>(options.ConcurrencyLimitByProvider, StringComparer.OrdinalIgnoreCase);
        SubmitsPerMinute = options.SubmitsPerMinute;
        SubmitsPerMinuteByProvider = new Dictionary<string, int>(options.SubmitsPerMinuteByProvider, StringComparer.OrdinalIgnoreCase);
        OutputFolder = options.OutputFolder;
        RecordLimit = options.RecordLimit;
    }

    /// <summary>http://127.0.0.1:port/</summary>
    public Uri Root { get; }

    /// <summary>Each provider's base URI on the emulator, for Connect-Seedance -BaseUri.</summary>
    public IReadOnlyDictionary<string, Uri> BaseUris { get; }

    /// <summary>How long a generation takes; the shortest, when <see cref="LatencyMaximum"/> makes it a range.</summary>
    public TimeSpan Latency { get; }

    public TimeSpan? LatencyMaximum { get; }

    /// <summary>Every provider's concurrency limit but those in <see cref="ConcurrencyLimitByProvider"/>.</summary>
    public int ConcurrencyLimit { get; }

    public IReadOnlyDictionary<string, int> ConcurrencyLimitByProvider { get; }

    /// <summary>Every provider's submit quota but those in <see cref="SubmitsPerMinuteByProvider"/>; null keeps each provider's documented one.</summary>
    public int? SubmitsPerMinute { get; }

    public IReadOnlyDictionary<string, int> SubmitsPerMinuteByProvider { get; }

    /// <summary>Where each succeeded task's video is also written; null when nowhere.</summary>
    public string? OutputFolder { get; }

    public int RecordLimit { get; }

    public override string ToString() => Root.ToString();
}
