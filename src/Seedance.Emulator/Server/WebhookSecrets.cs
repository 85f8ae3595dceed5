using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Seedance.Emulator.Server;

/// <summary>
/// The <c>whsec_</c> secrets WaveSpeed and Replicate sign webhooks with, and the content both sign: HMAC-SHA256 of
/// <c>"{webhook-id}.{webhook-timestamp}.{body}"</c>. They differ only in how the secret becomes the key and how
/// the signature is written, which each twin says itself.
/// </summary>
public static class WebhookSecrets
{
    public const string Prefix = "whsec_";

    /// <summary>A fresh secret in the providers' form: <c>whsec_</c> and base64.</summary>
    public static string NewSecret()
    {
        var random = new byte[24];
        using (var generator = RandomNumberGenerator.Create())
        {
            generator.GetBytes(random);
        }

        return Prefix + Convert.ToBase64String(random);
    }

    /// <summary>
    /// Why <paramref name="secret"/> cannot sign both providers' webhooks, or null when it can: it must be
    /// <c>whsec_</c> and base64, as the providers issue them, because Replicate's receivers base64-decode it.
    /// </summary>
    public static string? ProblemWith(string secret)
    {
        if (!secret.StartsWith(Prefix, StringComparison.Ordinal) || secret.Length == Prefix.Length)
        {
            return "The webhook secret must start with 'whsec_' and go on with base64, as WaveSpeed and Replicate issue theirs (e.g. whsec_" + "C2FVsBQIhrscChlQIMV+b5sSYspob7oD).";
        }

        try
        {
            Convert.FromBase64String(secret.Substring(Prefix.Length));
            return null;
        }
        catch (FormatException)
        {
            return "The webhook secret's text after 'whsec_' is not base64, which Replicate's receivers decode it as. Give one like whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD.";
        }
    }

    /// <summary>HMAC-SHA256 of the signed content, under <paramref name="key"/>.</summary>
    public static byte[] Sign(byte[] key, string id, string timestamp, string body)
    {
        using var hmac = new HMACSHA256(key);
        return hmac.ComputeHash(Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}"));
    }

    /// <summary>Now, in Unix seconds: the providers' webhook-timestamp.</summary>
    public static string Timestamp() => DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
}
