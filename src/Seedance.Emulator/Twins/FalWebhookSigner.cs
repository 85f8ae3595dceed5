using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace Seedance.Emulator.Twins;

/// <summary>
/// fal's webhook signature: Ed25519 over <c>"{request-id}\n{user-id}\n{timestamp}\n{hex SHA-256 of the body}"</c>,
/// sent hex-encoded in <c>X-Fal-Webhook-Signature</c>, checked against the public keys fal serves as a JWKS. The
/// emulator makes its own key pair when it starts and serves its public half the same way.
/// </summary>
internal sealed class FalWebhookSigner
{
    private readonly Ed25519PrivateKeyParameters _key = new(new SecureRandom());

    /// <summary>The key set, as fal serves it at <c>/.well-known/jwks.json</c>: one <c>OKP</c> key of curve Ed25519.</summary>
    public JsonObject Jwks() => new()
    {
        ["keys"] = new JsonArray(new JsonObject
        {
            ["kty"] = "OKP",
            ["crv"] = "Ed25519",
            ["alg"] = "EdDSA",
            ["use"] = "sig",
            ["x"] = Base64Url(_key.GeneratePublicKey().GetEncoded()),
        }),
    };

    /// <summary>The hex signature of one delivery.</summary>
    public string Sign(string requestId, string userId, string timestamp, string body)
    {
        string bodyDigest;
        using (var sha = SHA256.Create())
        {
            bodyDigest = Hex(sha.ComputeHash(Encoding.UTF8.GetBytes(body)));
        }

        var message = Encoding.UTF8.GetBytes($"{requestId}\n{userId}\n{timestamp}\n{bodyDigest}");
        var signer = new Ed25519Signer();
        signer.Init(forSigning: true, _key);
        signer.BlockUpdate(message, 0, message.Length);
        return Hex(signer.GenerateSignature());
    }

    private static string Hex(byte[] bytes) => BitConverter.ToString(bytes).Replace("-", string.Empty).ToLowerInvariant();

    /// <summary>JWK's base64url: base64 with the URL-safe alphabet and no padding (RFC 7515).</summary>
    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
