using System.Globalization;
using System.Runtime.InteropServices;
using System.Security;
using System.Text;
using System.Text.RegularExpressions;

namespace Seedance.Connections;

/// <summary>
/// An API key that cannot leak by accident: it prints, formats and serialises as a mask, and only the HTTP
/// core can read it (to build the Authorization header).
/// </summary>
public sealed class ApiKeySecret
{
    /// <summary>What replaces the key wherever a provider's text repeats it.</summary>
    public const string Mask = "***";

    private readonly string _value;
    private readonly Lazy<Regex> _spellings;

    private ApiKeySecret(string value, string source)
    {
        _value = value;
        Source = source;
        _spellings = new Lazy<Regex>(() => new Regex(SpellingsOf(value), RegexOptions.CultureInvariant));
    }

    /// <summary>Where the key came from, e.g. "environment variable FAL_KEY". Never the key itself.</summary>
    public string Source { get; }

    /// <summary>
    /// The key, without the spaces or line break around it that copying often adds. One that no Authorization header
    /// can carry (whitespace inside it, or anything but printable ASCII) is refused now, when nothing has been sent,
    /// instead of failing inside the HTTP client at the first call, which for a submit would read as "may be billed".
    /// </summary>
    public static ApiKeySecret FromPlainText(string value, string source)
    {
        var key = value?.Trim() ?? string.Empty;
        if (key.Length == 0)
        {
            throw Malformed(ErrorIds.ApiKeyEmpty, $"The API key from {source} is empty. Pass the key itself (e.g. Read-Host -AsSecureString, or Get-Secret), or set the provider's key variable.");
        }

        foreach (var character in key)
        {
            if (char.IsWhiteSpace(character))
            {
                var kind = character is '\r' or '\n' ? "a line break" : character == '\t' ? "a tab" : "a space";
                throw Malformed(ErrorIds.ApiKeyHasWhitespace, $"The API key from {source} has {kind} inside it; a key is one unbroken word. Copy it again from the provider's dashboard, without spaces or line breaks.");
            }

            if (character is < '!' or > '~')
            {
                throw Malformed(ErrorIds.ApiKeyNotAscii, $"The API key from {source} contains U+{(int)character:X4}, which is not printable ASCII, so no HTTP header can carry it (copying from a web page or a document can bring in curly quotes and the like). Copy it again from the provider's dashboard, as plain text.");
            }
        }

        return new ApiKeySecret(key, source);
    }

    public static ApiKeySecret FromSecureString(SecureString value, string source)
    {
        if (value is null || value.Length == 0)
        {
            return FromPlainText(string.Empty, source);
        }

        var pointer = IntPtr.Zero;
        try
        {
            pointer = Marshal.SecureStringToGlobalAllocUnicode(value);
            return FromPlainText(Marshal.PtrToStringUni(pointer) ?? string.Empty, source);
        }
        finally
        {
            if (pointer != IntPtr.Zero)
            {
                Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }
    }

    /// <summary>The key itself, for the Authorization header and nothing else.</summary>
    internal string Reveal() => _value;

    /// <summary>
    /// <paramref name="text"/> with every spelling of this key masked: as typed, and with any of its characters
    /// written as a JSON escape (\u002B, \/) or a URL escape (%2B), the ways a provider's encoder may echo it.
    /// </summary>
    /// <remarks>
    /// Keys shorter than <see cref="ShortestScrubbed"/> are left alone. No provider issues one (theirs run to 32 and
    /// more characters); such a key is a rehearsal's, and masking every occurrence of a short word would corrupt the
    /// answers themselves (a key "id" would rename every field).
    /// </remarks>
    internal string Scrub(string text) =>
        _value.Length < ShortestScrubbed || text.Length < _value.Length ? text : _spellings.Value.Replace(text, Mask);

    private const int ShortestScrubbed = 8;

    /// <summary>A pattern for the key in which each character may also appear escaped.</summary>
    private static string SpellingsOf(string key)
    {
        var pattern = new StringBuilder();
        foreach (var character in key)
        {
            var code = ((int)character).ToString("X4", CultureInfo.InvariantCulture);
            pattern.Append("(?:").Append(Regex.Escape(character.ToString()))
                .Append(@"|\\u").Append(EitherCase(code));
            if (character < 0x80)
            {
                pattern.Append('|').Append('%').Append(EitherCase(code.Substring(2)));
            }

            if (character is '/' or '"' or '\\')
            {
                pattern.Append(@"|\\").Append(Regex.Escape(character.ToString()));
            }

            pattern.Append(')');
        }

        return pattern.ToString();
    }

    /// <summary>Hex digits as a pattern that takes A-F in either case.</summary>
    private static string EitherCase(string hex)
    {
        var pattern = new StringBuilder();
        foreach (var digit in hex)
        {
            pattern.Append(char.IsLetter(digit) ? $"[{digit}{char.ToLowerInvariant(digit)}]" : digit.ToString());
        }

        return pattern.ToString();
    }

    public override string ToString() => "********";

    private static SeedanceException Malformed(string errorId, string message) =>
        new(SeedanceErrorCategory.Validation, errorId, message) { ParameterName = "ApiKey" };
}
