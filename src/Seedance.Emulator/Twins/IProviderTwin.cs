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

    Task HandleAsync(EmulatorContext context);
}
