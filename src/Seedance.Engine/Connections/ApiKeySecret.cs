using System;
using System.Runtime.InteropServices;
using System.Security;

namespace Seedance.Connections;

/// <summary>
/// An API key that cannot leak by accident: it prints, formats and serialises as a mask, and only the HTTP
/// core can read it (to build the Authorization header).
/// </summary>
public sealed class ApiKeySecret
{
    private readonly string _value;

    private ApiKeySecret(string value, string source)
    {
        _value = value;
        Source = source;
    }

    /// <summary>Where the key came from, e.g. "environment variable FAL_KEY". Never the key itself.</summary>
    public string Source { get; }

    public static ApiKeySecret FromPlainText(string value, string source)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException("An API key cannot be empty.", nameof(value));
        }

        return new ApiKeySecret(value.Trim(), source);
    }

    public static ApiKeySecret FromSecureString(SecureString value, string source)
    {
        if (value is null || value.Length == 0)
        {
            throw new ArgumentException("An API key cannot be empty.", nameof(value));
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

    /// <summary>True when <paramref name="text"/> contains this key, so outputs can be checked for leaks.</summary>
    internal bool AppearsIn(string? text) => text is not null && text.IndexOf(_value, StringComparison.Ordinal) >= 0;

    public override string ToString() => "********";
}
