using System;
using System.Linq;
using Seedance.Providers;

namespace Seedance.Requests;

/// <summary>
/// Picks the model for a request: the one the user named, or else the provider's first Seedance model whose
/// image inputs fit the request (text only, one first frame, several references).
/// </summary>
public static class ModelSelector
{
    public static ModelInfo Select(ProviderInfo provider, VideoRequest request)
    {
        if (!string.IsNullOrWhiteSpace(request.Model))
        {
            return provider.FindModel(request.Model!) ?? throw new SeedanceException(
                SeedanceErrorCategory.Validation, "ModelNotKnown",
                $"-Model '{request.Model}' is not a model this module knows on {provider.Name}. Choose one of: {string.Join(", ", provider.Models.Select(model => model.Id))} (Get-SeedanceModel -Provider {provider.Name} lists what each accepts).")
            { ParameterName = "Model", Provider = provider.Name };
        }

        var images = request.Images.Count;
        var fitting = provider.Models.FirstOrDefault(model =>
            images >= model.MinImages && images <= model.MaxImages
            && (request.LastImage is null || model.Supports(ModelOptions.LastImage)));
        if (fitting is not null)
        {
            return fitting;
        }

        var wanted = images == 0 ? "text to video (no -Image)" : $"{images} image{(images == 1 ? string.Empty : "s")}{(request.LastImage is null ? string.Empty : " and a -LastImage")}";
        throw new SeedanceException(SeedanceErrorCategory.Validation, "NoModelFitsImages",
            $"{provider.Name} has no Seedance model for {wanted}. Its models take: {string.Join("; ", provider.Models.Select(Describe))}. Other providers that take it: {ProviderCatalog.ModelsThat(model => images >= model.MinImages && images <= model.MaxImages && model.Provider != provider.Name)}.")
        { ParameterName = "Image", Provider = provider.Name };
    }

    private static string Describe(ModelInfo model) => model.MaxImages == 0
        ? $"{model.Id}: text only"
        : $"{model.Id}: {model.MinImages}-{model.MaxImages} images";

    internal static string Plural(int count, string noun) => $"{count} {noun}{(count == 1 ? string.Empty : "s")}";

    internal static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
