using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Seedance.Emulator.Server;

namespace Seedance.Emulator.Twins;

/// <summary>
/// One provider's wire protocol, served from the emulator under its own path prefix. A twin must answer the
/// way its provider documents — paths, auth scheme, envelopes, status words, error bodies — because the
/// provider code is tested against it.
/// </summary>
public interface IProviderTwin
{
    /// <summary>The provider's name as the module spells it, e.g. "WaveSpeed".</summary>
    string Provider { get; }

    /// <summary>The first path segment the twin is served under, e.g. "wavespeed".</summary>
    string Prefix { get; }

    /// <summary>What kind of call a request is (submit, status, cancel, upload, list, other), for fault plans.</summary>
    string EndpointOf(string method, string path);

    /// <summary>An error body in the provider's own shape, for scripted faults.</summary>
    JsonNode ErrorBody(int status, string message);

    Task HandleAsync(EmulatorContext context);
}
