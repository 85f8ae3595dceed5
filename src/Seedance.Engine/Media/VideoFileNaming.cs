using System.Text;

namespace Seedance.Media;

/// <summary>
/// Where a task's video goes: a folder (the file named from a template) or an exact file path. Every name
/// made from task data is sanitised, so no provider id, prompt or image name can escape the folder or make a
/// name Windows refuses.
/// </summary>
public static class VideoFileNaming
{
    public const string DefaultTemplate = "{Id}.mp4";

    private static readonly char[] Invalid = Path.GetInvalidFileNameChars()
        .Concat(new[] { '<', '>', ':', '"', '/', '\\', '|', '?', '*' })
        .Distinct()
        .ToArray();

    private static readonly string[] ReservedOnWindows =
    {
        "CON", "PRN", "AUX", "NUL",
        "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    /// <summary>
    /// The full target path. The path the user gave (<paramref name="given"/>, resolved to <paramref name="full"/>)
    /// is a folder when it exists as one, ends with a separator, or has no extension; otherwise it is the file.
    /// </summary>
    public static string Resolve(string given, string full, VideoTask task, string? template) =>
        IsFolder(given, full) ? Path.Combine(full, FileNameFor(task, template ?? DefaultTemplate)) : full;

    public static bool IsFolder(string given, string full) =>
        Directory.Exists(full)
        || given.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal)
        || given.EndsWith(Path.AltDirectorySeparatorChar.ToString(), StringComparison.Ordinal)
        || !Path.HasExtension(full);

    /// <summary>Fills {Id}, {Provider}, {Model}, {Image} and {Date} and makes the result a safe .mp4 file name.</summary>
    public static string FileNameFor(VideoTask task, string template)
    {
        var name = template
            .Replace("{Id}", task.Id)
            .Replace("{Provider}", task.Provider)
            .Replace("{Model}", task.Model)
            .Replace("{Image}", Path.GetFileNameWithoutExtension(task.SourceImage ?? task.Id))
            .Replace("{Date}", (task.CompletedAt ?? task.CreatedAt).ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture));
        if (name.EndsWith(".mp4", StringComparison.OrdinalIgnoreCase))
        {
            name = name.Substring(0, name.Length - 4);
        }

        return SafeStem(name) + ".mp4";
    }

    /// <summary>
    /// A file name without extension that every file system takes: no separators or reserved characters (so
    /// nothing can point outside the folder), no leading or trailing dots and spaces, no Windows device name.
    /// </summary>
    public static string SafeStem(string stem)
    {
        var builder = new StringBuilder(stem.Length);
        foreach (var character in stem)
        {
            builder.Append(char.IsControl(character) || Invalid.Contains(character) ? '_' : character);
        }

        var cleaned = builder.ToString().Trim().Trim('.', ' ');
        if (cleaned.Length > 196)
        {
            cleaned = cleaned.Substring(0, 196);
        }

        if (cleaned.Length == 0)
        {
            return "video";
        }

        var device = cleaned.Split('.')[0];
        return ReservedOnWindows.Any(reserved => string.Equals(reserved, device, StringComparison.OrdinalIgnoreCase)) ? "_" + cleaned : cleaned;
    }
}
