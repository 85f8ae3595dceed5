using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Utilities;
using Org.BouncyCastle.Utilities.Encoders;
using Seedance.Providers;

namespace Seedance.Webhooks;

/// <summary>
/// The Standard Webhooks family: headers <c>webhook-id</c>, <c>webhook-timestamp</c> and <c>webhook-signature</c>
/// (space-separated <c>{version},{signature}</c> entries), the signature an HMAC-SHA256 of
/// <c>"{id}.{timestamp}.{body}"</c> under a key made from the shared <c>whsec_</c> secret. Providers differ in the
/// version word, in how the secret becomes the key, and in how the signature is written; each says which.
/// </summary>
public sealed class HmacWebhookSignature : WebhookSignature
{
    private const string SecretPrefix = "whsec_";
    private const string IdHeader = "webhook-id";
    private const string TimestampHeader = "webhook-timestamp";
    private const string SignatureHeader = "webhook-signature";

    private readonly string _version;
    private readonly SecretKey _key;
    private readonly SignatureText _text;

    public HmacWebhookSignature(string version, SecretKey key, SignatureText text)
    {
        _version = version;
        _key = key;
        _text = text;
    }

    /// <summary>How the text after <c>whsec_</c> becomes the HMAC key.</summary>
    public enum SecretKey
    {
        /// <summary>Its UTF-8 bytes, as they stand (WaveSpeed).</summary>
        Text,

        /// <summary>Base64-decoded (Standard Webhooks, Replicate).</summary>
        Base64,
    }

    /// <summary>How the signature is written after the version word.</summary>
    public enum SignatureText
    {
        Hex,
        Base64,
    }

    internal override Task VerifyAsync(WebhookMessage message, WebhookCheck check, Func<ProviderContext> context, CancellationToken cancellationToken)
    {
        var key = KeyOf(check);
        var id = message.Header(IdHeader) ?? throw WebhookErrors.MissingHeader(check.Provider, IdHeader);
        var signatures = message.Header(SignatureHeader) ?? throw WebhookErrors.MissingHeader(check.Provider, SignatureHeader);
        check.RequireFresh(message, TimestampHeader);
        var timestamp = message.Header(TimestampHeader)!;

        byte[] expected;
        using (var hmac = new HMACSHA256(key))
        {
            expected = hmac.ComputeHash(Encoding.UTF8.GetBytes($"{id}.{timestamp}.{message.Body}"));
        }

        var offered = signatures.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries)
            .Select(entry => entry.Split(new[] { ',' }, 2))
            .Where(parts => parts.Length == 2 && parts[0] == _version)
            .Select(parts => Decode(parts[1]))
            .Where(bytes => bytes is not null)
            .ToList();
        if (offered.Count == 0)
        {
            throw WebhookErrors.Invalid(ErrorIds.WebhookSignatureMissing, check.Provider,
                $"The {check.Provider} webhook's {SignatureHeader} header holds no '{_version},<signature>' entry, which is how {check.Provider} signs. It is not a {check.Provider} webhook, or -Provider names the wrong provider.");
        }

        // Compared in constant time, so how long a refusal takes tells an attacker nothing.
        if (!offered.Any(signature => Arrays.FixedTimeEquals(signature!, expected)))
        {
            throw WebhookErrors.Mismatch(check.Provider,
                "either the body was changed after it was signed (pass the raw body exactly as received, not one parsed and written out again), or -Secret is not the secret this account signs with.");
        }

        return Task.CompletedTask;
    }

    private byte[] KeyOf(WebhookCheck check)
    {
        var secret = check.Secret;
        if (string.IsNullOrEmpty(secret))
        {
            throw new SeedanceException(SeedanceErrorCategory.Validation, ErrorIds.WebhookSecretRequired,
                $"-Secret is required to check a {check.Provider} webhook: {check.Provider} signs each one with the account's whsec_ secret. Give that secret (from {check.Provider}'s webhook secret endpoint or dashboard).")
            { Provider = check.Provider, ParameterName = "Secret" };
        }

        // Some dashboards show the secret without its prefix; the key is the same.
        var text = secret!.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret.Substring(SecretPrefix.Length) : secret;
        if (_key == SecretKey.Text)
        {
            return Encoding.UTF8.GetBytes(text);
        }

        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw new SeedanceException(SeedanceErrorCategory.Validation, ErrorIds.WebhookSecretInvalid,
                $"-Secret is not a {check.Provider} webhook secret: after 'whsec_' it must be base64, and it is not. Copy it again from {check.Provider}.")
            { Provider = check.Provider, ParameterName = "Secret" };
        }
    }

    private byte[]? Decode(string signature)
    {
        try
        {
            return _text == SignatureText.Base64 ? Convert.FromBase64String(signature) : Hex.Decode(signature);
        }
        catch (Exception ex) when (ex is FormatException or IOException)
        {
            return null;
        }
    }
}
