using Seedance.Emulator.Server;

namespace Seedance.Emulator.Twins;

/// <summary>Every provider twin the emulator serves.</summary>
internal static class TwinCatalog
{
    public static IEnumerable<IProviderTwin> Create(EmulatorServices services) => new IProviderTwin[]
    {
        new WaveSpeedTwin(services),
        new AimlApiTwin(services),
        new ArkTwin(services),
        new FalTwin(services),
        new ReplicateTwin(services),
        new AtlasCloudTwin(services),
    };
}
