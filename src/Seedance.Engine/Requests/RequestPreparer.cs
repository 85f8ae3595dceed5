using Seedance.Http;
using Seedance.Media;
using Seedance.Pricing;
using Seedance.Providers;

namespace Seedance.Requests;

/// <summary>
/// Checks a request against the chosen model's capability data and readies it for the wire. Every check
/// here runs before any HTTP call, so bad input never costs money; each failure names the parameter, what
/// is allowed, and what to do.
/// </summary>
public static class RequestPreparer
{
    public static PreparedRequest Prepare(IVideoProvider provider, VideoRequest request)
    {
        var model = ModelSelector.Select(provider.Info, request);
        var warnings = new List<string>();

        var prompt = PreparePrompt(model, request);
        WarnOfShotTimes(model, request, warnings);
        CheckImageCount(model, request);
        CheckOptions(model, request, warnings);
        var extraFields = ExtraFieldPolicy.Prepare(provider.Info, model, request.ExtraFields);
        var duration = ChooseDuration(model, request);
        var modelChoosesDuration = request.DurationSeconds == PreparedRequest.AutoDurationValue;
        var resolution = Normalize(request.Resolution, model.Resolutions, model, "Resolution", ErrorIds.ResolutionNotSupported, NormalizeResolution);
        var aspectRatio = Normalize(request.AspectRatio, model.AspectRatios, model, "AspectRatio", ErrorIds.AspectRatioNotSupported, value => value.Trim().ToLowerInvariant());

        // Images last: reading files is the slowest check, and the cheap ones should fail first.
        var images = request.Images.Select(image => Load(provider, model, image, ImageParameter(request))).ToList();
        var lastImage = request.LastImage is null ? null : Load(provider, model, request.LastImage, "LastImage");
        var references = ReferenceMediaPreparer.Prepare(provider, model, request);

        var effectiveResolution = resolution ?? model.DefaultResolution;
        CheckReferenceResolution(model, request, effectiveResolution);
        var estimate = CostEstimator.Estimate(model, duration, effectiveResolution, references.VideoSeconds);
        if (estimate is null)
        {
            warnings.Add($"{provider.Info.Name} publishes no price for {model.Id} at {effectiveResolution}: this task is not in any estimate or total, and -MaxCost refuses it. Check the cost on {provider.Info.Name}'s own pricing page.");
        }

        return new PreparedRequest(request, model)
        {
            Prompt = prompt,
            Images = images,
            ImagesGivenAsReferences = request.ImagesAreReferences,
            LastImage = lastImage,
            ReferenceVideos = references.Videos,
            ReferenceAudios = references.Audios,
            ReferenceVideoSeconds = references.VideoSeconds,
            DurationSeconds = duration,
            ModelChoosesDuration = modelChoosesDuration,
            Resolution = resolution,
            EffectiveResolution = effectiveResolution,
            AspectRatio = aspectRatio,
            EstimatedCost = estimate,
            ExtraFields = extraFields,
            Warnings = warnings,
        };
    }

    private static PreparedImage Load(IVideoProvider provider, ModelInfo model, ImageInput input, string parameter)
    {
        var image = ImageLoader.Load(input, model.MaxImageBytes, parameter);
        CheckPixels(model, image, parameter);
        return Deliverable(provider, image, parameter);
    }

    /// <summary>A local image of a pixel size the provider documents as refused is refused now, not at the provider.</summary>
    private static void CheckPixels(ModelInfo model, PreparedImage image, string parameter)
    {
        if (model.ImagePixels is not { } limits || image.Width is not { } width || image.Height is not { } height)
        {
            return;
        }

        if (!limits.SidesFit(width, height))
        {
            throw Invalid(ErrorIds.ImageSideOutOfRange, parameter, $"-{parameter} '{image.Source}' is {width}x{height} pixels; {model.Provider} model {model.Id} takes images whose sides are {limits.MinSide} to {limits.MaxSide} pixels. Resize it to fit, or use a model without this limit (Get-SeedanceModel lists each model's ImagePixels).");
        }

        if (!limits.AspectFits(width, height))
        {
            throw Invalid(ErrorIds.ImageAspectRatioOutOfRange, parameter, $"-{parameter} '{image.Source}' is {width}x{height} pixels, {width / (double)height:0.##} times as wide as high; {model.Provider} model {model.Id} takes images more than {limits.MinAspect} and less than {limits.MaxAspect} times as wide as high. Crop it (16:9 is 1.78, 9:16 is 0.56), or use a model without this limit (Get-SeedanceModel lists each model's ImagePixels).");
        }
    }

    /// <summary>A local image the provider can neither take inline nor upload is refused now, not at submit time.</summary>
    private static PreparedImage Deliverable(IVideoProvider provider, PreparedImage image, string parameter)
    {
        if (InputDelivery.TravelsInline(provider.Info, image) || provider is IFileUploader)
        {
            return image;
        }

        var limit = provider.Info.InlineImageLimitBytes is { } bytes ? $"up to {bytes / 1024.0 / 1024.0:0.#} MB" : "only as URLs";
        throw Invalid(ErrorIds.ImageTooLargeToSend, parameter, $"-{parameter} '{image.Source}' is {image.Length / 1024.0 / 1024.0:0.#} MB; {provider.Info.Name} takes local images {limit} and has no upload endpoint. Host the image and pass its https URL instead.");
    }

    private static string? PreparePrompt(ModelInfo model, VideoRequest request)
    {
        if (request.Shots.Count > PromptComposer.MaxShots)
        {
            throw Invalid(ErrorIds.TooManyShots, "Shot", $"-Shot has {request.Shots.Count} shots; Seedance takes at most {PromptComposer.MaxShots} per video. Split the storyboard over several videos.");
        }

        if (request.Shots.Any(shot => shot is null || PromptComposer.FirstVisible(shot) is null))
        {
            throw Invalid(ErrorIds.ShotEmpty, "Shot", "-Shot contains an empty shot description (nothing but spaces, control or zero-width characters). Remove it or describe the shot.");
        }

        if (!string.IsNullOrWhiteSpace(request.Prompt) && PromptComposer.FirstVisible(request.Prompt!) is null)
        {
            var first = request.Prompt!.Trim()[0];
            throw Invalid(ErrorIds.PromptInvisible, "Prompt", $"-Prompt has no visible text: it is only control or zero-width characters, starting with U+{(int)first:X4}. Describe the motion, e.g. -Prompt 'slow orbital pan, soft studio light'.");
        }

        var prompt = PromptComposer.Compose(request.Prompt, request.Shots);
        if (prompt is null)
        {
            if (model.PromptRequired)
            {
                throw Invalid(ErrorIds.PromptRequired, "Prompt", $"-Prompt is required by {model.Provider} model {model.Id}. Describe the motion, e.g. -Prompt 'slow orbital pan, soft studio light'.");
            }

            return null;
        }

        var tokens = PromptComposer.EstimateTokens(prompt);
        if (tokens > PromptComposer.MaxPromptTokens)
        {
            throw Invalid(ErrorIds.PromptTooLong, "Prompt", $"-Prompt (with any -Shot text) is about {tokens:N0} tokens; Seedance reads at most {PromptComposer.MaxPromptTokens:N0}. Shorten it by roughly {(tokens - PromptComposer.MaxPromptTokens) * 4:N0} characters.");
        }

        return prompt;
    }

    /// <summary>Times written into -Shot are sent as the user wrote them, with a word that this model will not hold to them.</summary>
    private static void WarnOfShotTimes(ModelInfo model, VideoRequest request, List<string> warnings)
    {
        if (model.FollowsPromptTimes)
        {
            return;
        }

        for (var index = 0; index < request.Shots.Count; index++)
        {
            if (PromptComposer.LeadingTime(request.Shots[index]) is { } time)
            {
                warnings.Add($"-Shot {index + 1} starts with a time ('{time}'), which {model.Provider} model {model.Id} does not hold to: Seedance 2.0 tells shots apart by their labels (Shot 1:, Shot 2:) and their order, not by timestamps. Leave the time out, and say in words how long a shot lasts if it matters.");
            }
        }
    }

    private static string ImageParameter(VideoRequest request) => request.ImagesAreReferences ? "ReferenceImage" : "Image";

    private static void CheckImageCount(ModelInfo model, VideoRequest request)
    {
        var count = request.Images.Count;
        if (request.ImagesAreReferences && !model.TakesReferenceImages)
        {
            throw Invalid(ErrorIds.ReferenceImagesNotSupported, "ReferenceImage", $"-ReferenceImage is not offered by {model.Provider} model {model.Id}, which takes {(model.MaxImages == 0 ? "no images" : "an image only as the first frame (-Image)")}. Models that take reference images: {ProviderCatalog.ModelsThat(other => other.TakesReferenceImages && other.MaxImages > 0)}.");
        }

        if (count < model.MinImages || count > model.MaxImages)
        {
            var allowed = model.MaxImages == 0 ? "no images (text to video)" : model.MinImages == model.MaxImages ? ModelSelector.Plural(model.MinImages, "image") : $"{model.MinImages} to {model.MaxImages} images";
            var others = ProviderCatalog.ModelsThat(other => count >= other.MinImages && count <= other.MaxImages);
            var id = count > model.MaxImages ? ErrorIds.TooManyImages : ErrorIds.TooFewImages;
            throw Invalid(id, ImageParameter(request), $"-{ImageParameter(request)} has {ModelSelector.Plural(count, "image")}; {model.Provider} model {model.Id} takes {allowed}. Models that take {ModelSelector.Plural(count, "image")}: {others}.");
        }

        if (request.LastImage is not null && count == 0)
        {
            throw Invalid(ErrorIds.LastImageWithoutFirst, "LastImage", "-LastImage needs a first frame too: give -Image as well.");
        }

        // Seedance takes one scenario per task: a first frame, a first and a last frame, or references (images, videos, audio).
        if (request.LastImage is not null && count > 1 && model.ImageHandling == ImageUse.FirstFrameOrReferences)
        {
            throw Invalid(ErrorIds.LastImageWithReferences, "LastImage", $"-LastImage cannot be combined with {count} -Image values on {model.Provider} model {model.Id}: one -Image with -LastImage is first-and-last-frame generation, several -Image values are reference images, and a task is one or the other. Give one -Image with -LastImage, or leave -LastImage out.");
        }

        if (request.LastImage is not null && request.ImagesAreReferences)
        {
            throw Invalid(ErrorIds.LastImageWithReferences, "LastImage", $"-LastImage cannot be combined with -ReferenceImage on {model.Provider} model {model.Id}: first-and-last-frame generation takes a first frame, which reference images are not. Give the first frame as -Image, or leave -LastImage out.");
        }

        if (request.LastImage is not null && request.HasReferenceMedia)
        {
            throw Invalid(ErrorIds.LastImageWithReferences, "LastImage", $"-LastImage cannot be combined with -ReferenceVideo or -ReferenceAudio on {model.Provider} model {model.Id}: first-and-last-frame generation and generation from references are different tasks, and a task is one or the other. Leave -LastImage out (any -Image is then a reference image), or leave out the reference clips.");
        }
    }

    private static void CheckReferenceResolution(ModelInfo model, VideoRequest request, string resolution)
    {
        if (model.TakesAsReferences(request.Images.Count, request.ImagesAreReferences || request.HasReferenceMedia) && model.ReferenceImageResolutions.Count > 0 && !model.ReferenceImageResolutions.Any(allowed => ModelSelector.Same(allowed, resolution)))
        {
            throw Invalid(ErrorIds.ResolutionNotSupported, "Resolution", $"-Resolution {resolution} cannot be combined with reference images on {model.Provider} model {model.Id}. Allowed with references: {string.Join(", ", model.ReferenceImageResolutions)}.");
        }
    }

    private static void CheckOptions(ModelInfo model, VideoRequest request, List<string> warnings)
    {
        Require(model, ModelOptions.LastImage, request.LastImage is not null, "LastImage");
        Require(model, ModelOptions.GenerateAudio, request.GenerateAudio.HasValue, "GenerateAudio");
        Require(model, ModelOptions.Seed, request.Seed.HasValue, "Seed");
        Require(model, ModelOptions.CameraFixed, request.CameraFixed.HasValue, "CameraFixed");
        Require(model, ModelOptions.Watermark, request.Watermark.HasValue, "Watermark");
        Require(model, ModelOptions.Webhook, request.WebhookUrl is not null, "WebhookUrl");
        Require(model, ModelOptions.ReturnLastFrame, request.ReturnLastFrame == true, "ReturnLastFrame");

        if (request.WebhookUrl is { } webhook)
        {
            UriPolicy.RequireNoCredentials(webhook, "-WebhookUrl", ErrorIds.WebhookUrlHasCredentials, "Leave them out: put an unguessable token in the path instead, and check the provider's signature where it signs.");
            UriPolicy.RequireSafe(webhook, "-WebhookUrl", ErrorIds.WebhookUrlInsecure);
        }

        if (request.Seed is { } seed && (seed < model.MinSeed || seed > model.MaxSeed))
        {
            throw Invalid(ErrorIds.SeedOutOfRange, "Seed", $"-Seed {seed} is outside what {model.Provider} model {model.Id} takes: {model.MinSeed} (a random seed) to {model.MaxSeed}. Give a seed in that range, or leave -Seed out.");
        }
    }

    private static void Require(ModelInfo model, ModelOptions option, bool requested, string parameter)
    {
        if (requested && !model.Supports(option))
        {
            throw Invalid(ErrorIds.ParameterNotSupported, parameter, $"-{parameter} is not offered by {model.Provider} model {model.Id}. Models that offer it: {ProviderCatalog.ModelsThat(other => other.Supports(option))}.");
        }
    }

    private static int ChooseDuration(ModelInfo model, VideoRequest request)
    {
        if (request.DurationSeconds is not { } duration)
        {
            return model.DefaultDuration;
        }

        if (duration == PreparedRequest.AutoDurationValue)
        {
            if (!model.Supports(ModelOptions.AutoDuration))
            {
                throw Invalid(ErrorIds.DurationNotSupported, "Duration", $"-Duration -1 (the model chooses the length) is not offered by {model.Provider} model {model.Id}. Models that offer it: {ProviderCatalog.ModelsThat(other => other.Supports(ModelOptions.AutoDuration))}.",
                    recommendedAction: $"Use a -Duration of {Range(model.Durations)} seconds, or a model that chooses the length itself.");
            }

            // Priced as the longest clip the model may choose: a cap must hold whatever it picks.
            return model.Durations.Max();
        }

        if (!model.Durations.Contains(duration))
        {
            throw Invalid(ErrorIds.DurationNotSupported, "Duration", $"-Duration {duration} is not offered by {model.Provider} model {model.Id}. Allowed: {Range(model.Durations)} seconds.",
                recommendedAction: $"Use a -Duration of {Range(model.Durations)} seconds, or leave it out for the model's default.");
        }

        return duration;
    }

    private static string? Normalize(string? value, IReadOnlyList<string> allowed, ModelInfo model, string parameter, string notSupportedId, Func<string, string> normalize)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var normalized = normalize(value!);
        if (allowed.Count == 0)
        {
            var fixedTo = parameter == "Resolution" ? $"its output is {model.DefaultResolution}" : "its output follows the input image";
            throw Invalid(notSupportedId, parameter, $"-{parameter} cannot be chosen on {model.Provider} model {model.Id}: {fixedTo}. Leave -{parameter} out, or use a model that offers it (Get-SeedanceModel).");
        }

        var match = allowed.FirstOrDefault(option => ModelSelector.Same(option, normalized));
        return match ?? throw Invalid(notSupportedId, parameter, $"-{parameter} '{value}' is not offered by {model.Provider} model {model.Id}. Allowed: {string.Join(", ", allowed)}.");
    }

    private static string NormalizeResolution(string value)
    {
        var trimmed = value.Trim().ToLowerInvariant();
        return trimmed.Length > 0 && char.IsDigit(trimmed[trimmed.Length - 1]) ? trimmed + "p" : trimmed;
    }

    /// <summary>"4 to 15" for a contiguous range, "5, 10, 15" otherwise.</summary>
    private static string Range(IReadOnlyList<int> values)
    {
        var contiguous = values.Count > 2 && values[values.Count - 1] - values[0] == values.Count - 1;
        return contiguous ? $"{values[0]} to {values[values.Count - 1]}" : string.Join(", ", values);
    }

    private static SeedanceException Invalid(string errorId, string parameter, string message, string? recommendedAction = null) =>
        new(SeedanceErrorCategory.Validation, errorId, message) { ParameterName = parameter, RecommendedAction = recommendedAction };
}
