namespace Seedance.Providers;

/// <summary>What a provider is: where it lives, how it authenticates, which models it sells, what it can do.</summary>
public sealed class ProviderInfo
{
    public ProviderInfo(string name, Uri defaultBaseUri, string authScheme, IReadOnlyList<string> keyVariables, IReadOnlyList<ModelInfo> models)
    {
        Name = name;
        DefaultBaseUri = defaultBaseUri;
        AuthScheme = authScheme;
        KeyVariables = keyVariables;
        Models = models;
    }

    /// <summary>The name users type for -Provider, e.g. "WaveSpeed".</summary>
    public string Name { get; }

    /// <summary>Other names -Provider accepts (e.g. "BytePlus" for Ark).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = Array.Empty<string>();

    public bool IsKnownAs(string name) =>
        string.Equals(Name, name, StringComparison.OrdinalIgnoreCase)
        || Aliases.Any(alias => string.Equals(alias, name, StringComparison.OrdinalIgnoreCase));

    public Uri DefaultBaseUri { get; }

    /// <summary>The scheme word of the Authorization header: "Bearer" or "Key".</summary>
    public string AuthScheme { get; }

    /// <summary>The provider's own environment variables for the key, tried after SEEDANCE_API_KEY... in order.</summary>
    public IReadOnlyList<string> KeyVariables { get; }

    public IReadOnlyList<ModelInfo> Models { get; }

    /// <summary>The model used when none is chosen: the provider's Seedance 2.0 Fast image-to-video model.</summary>
    public ModelInfo DefaultModel => Models[0];

    /// <summary>How cancelling behaves, in one sentence for users; null when the provider cannot cancel.</summary>
    public string? CancelBehaviour { get; init; }

    /// <summary>
    /// The largest local image sent inline as a data: URI; null when the provider takes no data: URIs (local
    /// images are then uploaded, which needs an <see cref="IFileUploader"/>).
    /// </summary>
    public long? InlineImageLimitBytes { get; init; } = 10 * 1024 * 1024;

    /// <summary>Named regions and their base URIs (e.g. Ark's BytePlus and Volcengine); empty for one-region providers.</summary>
    public IReadOnlyDictionary<string, Uri> Regions { get; init; } = new Dictionary<string, Uri>();

    /// <summary>How webhooks are wired, in one phrase for users; null when the provider has none.</summary>
    public string? WebhookBehaviour { get; init; }

    /// <summary>The body fields the wire mapping owns, which -ExtraField may not set (see <see cref="Providers.ReservedFields"/>).</summary>
    public ReservedFields ReservedFields { get; init; } = new();

    /// <summary>How long the provider keeps finished videos, in one phrase for users.</summary>
    public string? OutputRetention { get; init; }

    /// <summary>
    /// The shortest time after a task finishes that its video is documented to stay downloadable, where the provider
    /// gives one; what the "save it soon" warning counts down from.
    /// </summary>
    public TimeSpan? OutputLifetime { get; init; }

    /// <summary>
    /// The body field of a reference the client sends with a submit, which the provider keeps and shows in its task
    /// list (Ark's <c>safety_identifier</c>): a lost submit's task is then told from an identical one by it. Null
    /// for providers that keep none.
    /// </summary>
    public string? ClientReferenceField { get; init; }

    /// <summary>Whether the provider takes media it keeps by id (<c>asset://…</c>, Ark's asset library) where it takes a URL.</summary>
    public bool TakesAssetIds { get; init; }

    /// <summary>Whether a local reference audio clip may travel inline as a data: URI (Ark takes audio as base64).</summary>
    public bool TakesInlineAudio { get; init; }

    /// <summary>
    /// The page of the provider's web console that shows the account's requests or spending: where a user looks for a
    /// task whose submit answer was lost when no API can list it. Null when the provider's task list answers that.
    /// </summary>
    public Uri? RequestsPage { get; init; }

    public ModelInfo? FindModel(string name) => Models.FirstOrDefault(model => model.IsKnownAs(name));
}
