using System;
using System.IO;
using System.Management.Automation;

namespace Seedance.Commands.Runtime;

/// <summary>Reads paths the way PowerShell users expect: relative to the current location, PSPaths and ~ included.</summary>
internal static class PathResolution
{
    /// <summary>A file system path for <paramref name="path"/>, resolved against the PowerShell location (not the process's).</summary>
    public static string FileSystemPath(PSCmdlet cmdlet, string path) =>
        cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);

    /// <summary>An image argument: http(s) and data: URIs stay URIs, anything else becomes a file path.</summary>
    public static ImageInput Image(PSCmdlet cmdlet, string value)
    {
        var input = ImageInput.Parse(value);
        return input.IsFile ? ImageInput.FromFile(FileSystemPath(cmdlet, value)) : input;
    }

    /// <summary>A reference clip as typed: a URL as it is, a file path resolved against the current location.</summary>
    public static MediaInput Media(PSCmdlet cmdlet, string value, string parameterName)
    {
        var input = MediaInput.Parse(value, parameterName);
        return input.IsFile ? MediaInput.FromFile(FileSystemPath(cmdlet, value)) : input;
    }

    /// <summary>The current location as a file system path, for -Path defaults.</summary>
    public static string CurrentDirectory(PSCmdlet cmdlet)
    {
        var location = cmdlet.SessionState.Path.CurrentFileSystemLocation.ProviderPath;
        return string.IsNullOrEmpty(location) ? Directory.GetCurrentDirectory() : location;
    }
}
