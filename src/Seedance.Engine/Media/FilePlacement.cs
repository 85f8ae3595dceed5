namespace Seedance.Media;

/// <summary>Puts a finished, checked download at its final name in one step, so no reader ever sees half a file there.</summary>
internal static class FilePlacement
{
    public static void MoveIntoPlace(string partialPath, string targetPath, bool overwrite)
    {
#if NET8_0_OR_GREATER
        File.Move(partialPath, targetPath, overwrite);
#else
        if (overwrite && File.Exists(targetPath))
        {
            File.Replace(partialPath, targetPath, destinationBackupFileName: null);
        }
        else
        {
            File.Move(partialPath, targetPath);
        }
#endif
    }
}
