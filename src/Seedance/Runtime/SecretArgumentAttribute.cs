using System.Management.Automation;
using System.Net;
using System.Security;

namespace Seedance.Commands.Runtime;

/// <summary>
/// A secret may be given as a SecureString (Get-Secret, Read-Host -AsSecureString) or as plain text (an Azure
/// Functions app setting arrives as text); plain text becomes a SecureString at once, so the parameter holds one kind.
/// </summary>
public sealed class SecretArgumentAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        return value is string text ? new NetworkCredential(string.Empty, text).SecurePassword : inputData;
    }

    /// <summary>The text of a secret, for the one call that needs it; never to be shown.</summary>
    public static string Reveal(SecureString secret) => new NetworkCredential(string.Empty, secret).Password;
}
