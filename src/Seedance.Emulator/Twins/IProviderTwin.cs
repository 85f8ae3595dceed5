using System.Text.Json.Nodes;
using Seedance.Emulator.Routing;

namespace Seedance.Emulator.Twins;

/// <summary>
/// One provider's wire protocol, served from the emulator under its own path prefix. A twin must answer the
/// way its provider documents — paths, auth scheme, envelopes, status words, error bodies — because the
/// provider code is tested against it.
/// </summary>
internal interface IProviderTwin
{
    /// <summary>The provider's name as the module spells it, e.g. "WaveSpeed".</summary>
    string Provider { get; }

    /// <summary>The first path segment the twin is served under, e.g. "wavespeed".</summary>
    string Prefix { get; }

    /// <summary>The twin's route table: which endpoint a request hits, what kind of call that is, and who handles it.</summary>
    TwinRouter Routes { get; }

    /// <summary>An error body in the provider's own shape, for scripted faults.</summary>
    JsonNode ErrorBody(int status, string message);
}
