namespace Seedance.Providers;

/// <summary>Every provider this module speaks, in the order users see them. Read-only, so safe to share.</summary>
public static class ProviderCatalog
{
    private static readonly IReadOnlyList<IVideoProvider> Providers = new IVideoProvider[]
    {
        new WaveSpeedProvider(),
        new AimlApiProvider(),
        new ArkProvider(),
        new FalProvider(),
        new ReplicateProvider(),
        new AtlasCloudProvider(),
    };

    public static IReadOnlyList<IVideoProvider> All => Providers;

    public static IEnumerable<string> Names => Providers.Select(provider => provider.Info.Name);

    public static IVideoProvider? Find(string name) =>
        Providers.FirstOrDefault(provider => provider.Info.IsKnownAs(name));

    public static IVideoProvider Get(string name) => Find(name) ?? throw new SeedanceException(
        SeedanceErrorCategory.Validation, ErrorIds.ProviderNotKnown,
        $"-Provider '{name}' is not known. Choose one of: {string.Join(", ", Names)}.") { ParameterName = "Provider" };

    /// <summary>"Provider (model), ..." for every model that satisfies <paramref name="offers"/>, for error messages.</summary>
    public static string ModelsThat(Func<ModelInfo, bool> offers)
    {
        var models = Providers.SelectMany(provider => provider.Info.Models).Where(offers).ToList();
        return models.Count == 0
            ? "no provider offers it"
            : string.Join(", ", models.GroupBy(model => model.Provider).Select(group => $"{group.Key} ({string.Join(", ", group.Select(model => model.Id))})"));
    }
}
