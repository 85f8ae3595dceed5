using System.Text;

namespace Seedance.Media;

/// <summary>
/// One command line from separate arguments, quoted as the Windows C runtime parses them back (which .NET on Unix
/// also follows), for the netstandard2.0 build: ProcessStartInfo.ArgumentList, which does this itself, arrived in
/// .NET Core 2.1, and Windows PowerShell's .NET Framework lacks it.
/// </summary>
internal static class CommandLine
{
    public static string Join(IEnumerable<string> arguments) => string.Join(" ", arguments.Select(Quote));

    /// <summary>
    /// An argument as it must be written: bare when it has no space, tab or quote; otherwise in quotes, with each
    /// quote escaped and each run of backslashes doubled where it comes before a quote (the closing one included).
    /// </summary>
    internal static string Quote(string argument)
    {
        if (argument.Length > 0 && argument.IndexOfAny(new[] { ' ', '\t', '"' }) < 0)
        {
            return argument;
        }

        var quoted = new StringBuilder("\"");
        var backslashes = 0;
        foreach (var character in argument)
        {
            if (character == '\\')
            {
                backslashes++;
                continue;
            }

            quoted.Append('\\', character == '"' ? backslashes * 2 + 1 : backslashes);
            backslashes = 0;
            quoted.Append(character);
        }

        return quoted.Append('\\', backslashes * 2).Append('"').ToString();
    }
}
