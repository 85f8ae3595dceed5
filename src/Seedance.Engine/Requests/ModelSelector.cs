using Seedance.Providers;

namespace Seedance.Requests;

/// <summary>
/// Picks the model for a request: the one the user named, or else the provider's first model of its default's family
/// (Seedance 2.0 Fast) whose inputs fit the request (text only, a first frame, references, reference videos or audio), or else
/// its default. Another family (2.5, Mini, 1.x) is never chosen unasked: it differs in price and output.
/// </summary>
public static class ModelSelector
{
    public static ModelInfo Select(ProviderInfo provider, VideoRequest request)
    {
        if (!string.IsNullOrWhiteSpace(request.Model))
        {
            return provider.FindModel(request.Model!) ?? throw new SeedanceException(
                SeedanceErrorCategory.Validation, ErrorIds.ModelNotKnown,
                $"-Model '{request.Model}' is not a model this module knows on {provider.Name}. Choose one of: {string.Join(", ", provider.Models.Select(model => model.Id))} (Get-SeedanceModel -Provider {provider.Name} lists what each accepts).")
            { ParameterName = "Model", Provider = provider.Name };
        }

        // Nothing fits: fall back to the default model, whose checks then name the exact problem
        // (too many images, no -LastImage...) and the models that would take the request.
        var images = request.Images.Count;
        var referenceMedia = request.HasReferenceMedia;
        return provider.Models.FirstOrDefault(model =>
                model.Family == provider.DefaultModel.Family
                && images >= model.MinImages && images <= model.MaxImages
                && (request.LastImage is null || model.Supports(ModelOptions.LastImage))
                && (!referenceMedia || model.ReferenceMedia is not null)
                && (!request.ImagesAreReferences || model.TakesReferenceImages))
            ?? provider.DefaultModel;
    }

    internal static string Plural(int count, string noun) => $"{count} {noun}{(count == 1 ? string.Empty : "s")}";

    internal static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
