using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Utilities.Encoders;
using Seedance.Http;
using Seedance.Providers;

namespace Seedance.Webhooks;

/// <summary>
/// fal's scheme: Ed25519 over <c>"{request-id}\n{user-id}\n{timestamp}\n{hex SHA-256 of the body}"</c> (the
/// <c>X-Fal-Webhook-*</c> headers), hex-encoded in <c>X-Fal-Webhook-Signature</c>, valid under any Ed25519 key of
/// the JWKS fal publishes. The key set is read through the connection and kept a day, as fal advises; a signature
/// no kept key accepts has the set read again once, for a key fal has rotated in since.
/// </summary>
public sealed class FalWebhookSignature : WebhookSignature
{
    private const string RequestIdHeader = "X-Fal-Webhook-Request-Id";
    private const string UserIdHeader = "X-Fal-Webhook-User-Id";
    private const string TimestampHeader = "X-Fal-Webhook-Timestamp";
    private const string SignatureHeader = "X-Fal-Webhook-Signature";

    private static readonly TimeSpan KeySetLifetime = TimeSpan.FromHours(24);

    private readonly Func<ProviderContext, Uri> _keySetAddress;
    private readonly ConcurrentDictionary<Uri, KeySet> _keySets = new();

    /// <param name="keySetAddress">Where the connection finds fal's JWKS (fal's own host, or the emulator's).</param>
    public FalWebhookSignature(Func<ProviderContext, Uri> keySetAddress) => _keySetAddress = keySetAddress;

    internal override async Task VerifyAsync(WebhookMessage message, WebhookCheck check, Func<ProviderContext> connection, CancellationToken cancellationToken)
    {
        var requestId = message.Header(RequestIdHeader) ?? throw WebhookErrors.MissingHeader(check.Provider, RequestIdHeader);
        var userId = message.Header(UserIdHeader) ?? throw WebhookErrors.MissingHeader(check.Provider, UserIdHeader);
        var signatureText = message.Header(SignatureHeader) ?? throw WebhookErrors.MissingHeader(check.Provider, SignatureHeader);
        check.RequireFresh(message, TimestampHeader);
        var timestamp = message.Header(TimestampHeader)!;

        byte[] signature;
        try
        {
            signature = Hex.Decode(signatureText);
        }
        catch (Exception ex) when (ex is FormatException or IOException)
        {
            throw WebhookErrors.Mismatch(check.Provider, $"{SignatureHeader} is not hex, as fal writes it.");
        }

        var signed = Encoding.UTF8.GetBytes($"{requestId}\n{userId}\n{timestamp}\n{Sha256Hex(message.Body)}");
        var context = connection();
        var address = _keySetAddress(context);
        var keys = await KeysAsync(context, address, refresh: false, cancellationToken).ConfigureAwait(false);
        if (Accepts(keys, signed, signature))
        {
            return;
        }

        if (!keys.JustRead)
        {
            keys = await KeysAsync(context, address, refresh: true, cancellationToken).ConfigureAwait(false);
            if (Accepts(keys, signed, signature))
            {
                return;
            }
        }

        throw WebhookErrors.Mismatch(check.Provider,
            $"no key of fal's key set ({address}) accepts it, so the body or the X-Fal-Webhook-* headers were changed after signing, or it was never signed by fal. Pass the raw body and the headers exactly as received.");
    }

    private static bool Accepts(KeySet keys, byte[] signed, byte[] signature) => keys.Keys.Any(key =>
    {
        var verifier = new Ed25519Signer();
        verifier.Init(forSigning: false, key);
        verifier.BlockUpdate(signed, 0, signed.Length);
        return verifier.VerifySignature(signature);
    });

    private async Task<KeySet> KeysAsync(ProviderContext context, Uri address, bool refresh, CancellationToken cancellationToken)
    {
        if (!refresh && _keySets.TryGetValue(address, out var kept) && DateTimeOffset.UtcNow - kept.ReadAt < KeySetLifetime)
        {
            return kept with { JustRead = false };
        }

        var response = await context.Http.SendAsync(new ApiRequest(HttpCallKind.Status, HttpMethod.Get, address)
        {
            Authenticated = false,
            Purpose = "read fal's webhook signing keys",
        }, cancellationToken).ConfigureAwait(false);
        var keys = response.Json.Items("keys")
            .Where(key => key.Text("kty") == "OKP" && key.Text("crv") == "Ed25519" && key.Text("x") is not null)
            .Select(key => PublicKey(key.Text("x")!))
            .Where(key => key is not null)
            .ToList();
        if (keys.Count == 0)
        {
            throw new SeedanceException(SeedanceErrorCategory.Server, ErrorIds.WebhookKeysUnavailable,
                $"fal's key set at {address} holds no Ed25519 key, so no fal webhook can be checked; it is refused rather than trusted unchecked.") { Provider = "fal" };
        }

        var set = new KeySet(keys!, DateTimeOffset.UtcNow, JustRead: true);
        _keySets[address] = set;
        return set;
    }

    /// <summary>A JWK's <c>x</c>: the 32-byte public key in base64url (RFC 8037); null when it is not one.</summary>
    private static Ed25519PublicKeyParameters? PublicKey(string x)
    {
        var base64 = x.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
        try
        {
            var bytes = Convert.FromBase64String(base64);
            return bytes.Length == Ed25519PublicKeyParameters.KeySize ? new Ed25519PublicKeyParameters(bytes, 0) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string Sha256Hex(string body)
    {
        using var sha = SHA256.Create();
        return Hex.ToHexString(sha.ComputeHash(Encoding.UTF8.GetBytes(body)));
    }

    private sealed record KeySet(IReadOnlyList<Ed25519PublicKeyParameters> Keys, DateTimeOffset ReadAt, bool JustRead);
}
