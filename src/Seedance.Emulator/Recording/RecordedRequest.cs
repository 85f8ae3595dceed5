namespace Seedance.Emulator.Recording;

/// <summary>
/// One request the emulator received: what a script sent the "provider". The body and query are recorded with
/// secrets masked (see <see cref="SecretMask"/>); the credential itself never is, only its scheme word.
/// </summary>
public sealed class RecordedRequest : EmulatorRecord
{
    internal RecordedRequest(DateTimeOffset time, string? provider, string method, string path, string query, string? authScheme, string? contentType, string body)
        : base(time, provider)
    {
        Method = method;
        Path = path;
        Query = query;
        AuthScheme = authScheme;
        ContentType = contentType;
        Body = body;
    }

    public string Method { get; }

    /// <summary>The full path including the twin prefix, without the query.</summary>
    public string Path { get; }

    /// <summary>The query string without its '?', secrets masked; empty when there was none.</summary>
    public string Query { get; }

    /// <summary>The Authorization header's scheme word ("Bearer", "Key", "Token"); null when none was sent.</summary>
    public string? AuthScheme { get; }

    public string? ContentType { get; }

    /// <summary>The body as text with secrets masked and inline images shortened; empty when there was none.</summary>
    public string Body { get; }

    internal override RecordKind KindOf => RecordKind.Request;

    public override string ToString() => $"{Method} {Path}";
}
