using System.Net;

namespace Seedance.Http;

/// <summary>
/// Which addresses the module talks to: https anywhere, plain http only on this machine. Keys and videos
/// never cross a network unencrypted.
/// </summary>
public static class UriPolicy
{
    public static bool IsLoopback(Uri uri)
    {
        if (uri.IsLoopback)
        {
            return true;
        }

        return IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
    }

    /// <summary>Checks a base URI a user configured; throws a validation error naming <paramref name="parameterName"/>.</summary>
    public static Uri RequireSafeBaseUri(Uri uri, string parameterName)
    {
        if (!uri.IsAbsoluteUri)
        {
            throw Invalid(ErrorIds.BaseUriNotAbsolute, parameterName, $"-{parameterName} '{uri}' is not an absolute URI. Give one such as https://api.example.com.");
        }

        var what = "-" + parameterName;
        RequireNoCredentials(uri, what, ErrorIds.BaseUriHasCredentials, "Leave them out: the key belongs in -ApiKey, and a proxy's credentials in -ProxyCredential.");
        RequireSafe(uri, what, ErrorIds.BaseUriInsecure);

        // Every API path is appended to the base URI, and .NET resolves '..' before sending; so a query, a fragment
        // or a '..' there would silently address something other than what was typed. Shown without them, as a
        // query may hold a token.
        var typed = uri.OriginalString;
        var shown = Shown(uri) + uri.AbsolutePath;
        if (uri.Query.Length > 0 || typed.IndexOf('?') >= 0)
        {
            throw Invalid(ErrorIds.BaseUriHasQuery, parameterName, $"{what} '{shown}' has a query (?…), which would be lost or misplaced when the module adds each API path. Give the base URI without it; a key belongs in -ApiKey.");
        }

        if (uri.Fragment.Length > 0 || typed.IndexOf('#') >= 0)
        {
            throw Invalid(ErrorIds.BaseUriHasFragment, parameterName, $"{what} '{shown}' has a fragment (#…), which is never sent to a server. Give the base URI without it.");
        }

        var path = typed.Substring(typed.IndexOf("://", StringComparison.Ordinal) + 3);
        if (path.Split('/').Skip(1).Any(segment => Uri.UnescapeDataString(segment) == ".."))
        {
            throw Invalid(ErrorIds.BaseUriHasDotSegments, parameterName, $"{what} '{typed}' has a '..' segment, which would be resolved away before anything is sent (to {shown}). Give the base URI as it is meant to be, without '..'.");
        }

        return uri;
    }

    /// <summary>
    /// Refuses an address with a user name or password in it (user:password@), which would be stored and shown
    /// wherever the address is; <paramref name="instead"/> says where they belong.
    /// </summary>
    public static void RequireNoCredentials(Uri uri, string what, string errorId, string instead)
    {
        if (string.IsNullOrEmpty(uri.UserInfo))
        {
            return;
        }

        throw new SeedanceException(SeedanceErrorCategory.Validation, errorId,
            $"{what} '{Shown(uri)}' carries a user name or password (user:password@), which would be stored and shown wherever the address is. {instead}")
        { ParameterName = what.TrimStart('-') };
    }

    private static SeedanceException Invalid(string errorId, string parameterName, string message) =>
        new(SeedanceErrorCategory.Validation, errorId, message) { ParameterName = parameterName };

    /// <summary>Scheme, host and port, for messages: never a user name or password the address may carry.</summary>
    public static string Shown(Uri uri) => $"{uri.Scheme}://{uri.Authority}";

    /// <summary>Checks any address the module is about to send a request to.</summary>
    public static void RequireSafe(Uri uri, string what, string errorId = ErrorIds.InsecureUri)
    {
        if (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri)))
        {
            return;
        }

        var message = uri.Scheme == Uri.UriSchemeHttp
            ? $"{what} '{Shown(uri)}' uses plain http://, which is allowed only for this machine (127.0.0.1, ::1, localhost). Use https://."
            : $"{what} '{uri.GetLeftPart(UriPartial.Scheme)}' is not an http(s) address. Use https://.";
        throw new SeedanceException(SeedanceErrorCategory.Validation, errorId, message) { ParameterName = what.TrimStart('-') };
    }
}
