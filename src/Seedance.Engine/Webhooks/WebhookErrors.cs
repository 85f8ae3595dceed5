namespace Seedance.Webhooks;

/// <summary>The failures of checking a webhook, one wording for every scheme.</summary>
internal static class WebhookErrors
{
    public static SeedanceException MissingHeader(string provider, string header) => Invalid(ErrorIds.WebhookSignatureMissing, provider,
        $"The webhook has no {header} header, which every {provider} webhook carries. Pass all of the request's headers to -Headers, as received; a request without them is not from {provider}.");

    public static SeedanceException Mismatch(string provider, string reason) => Invalid(ErrorIds.WebhookSignatureInvalid, provider,
        $"The {provider} webhook's signature does not match its body: {reason} Do not trust it.");

    public static SeedanceException Invalid(string errorId, string provider, string message) =>
        new(SeedanceErrorCategory.Authentication, errorId, message) { Provider = provider };
}
