using System;
using System.Collections.Generic;

namespace Seedance;

/// <summary>What Start-SeedanceEmulator reports: where the emulator listens and how it behaves.</summary>
public sealed class EmulatorInfo
{
    public EmulatorInfo(Uri root, IReadOnlyDictionary<string, Uri> baseUris, TimeSpan latency, int concurrencyLimit)
    {
        Root = root;
        BaseUris = baseUris;
        Latency = latency;
        ConcurrencyLimit = concurrencyLimit;
    }

    /// <summary>http://127.0.0.1:port/</summary>
    public Uri Root { get; }

    /// <summary>Each provider's base URI on the emulator, for Connect-Seedance -BaseUri.</summary>
    public IReadOnlyDictionary<string, Uri> BaseUris { get; }

    public TimeSpan Latency { get; }

    public int ConcurrencyLimit { get; }

    public override string ToString() => Root.ToString();
}
