namespace Seedance.Providers.Models;

/// <summary>Durations as providers publish them: every whole second from one length to another.</summary>
internal static class Seconds
{
    /// <summary><paramref name="first"/> to <paramref name="last"/> seconds, both included.</summary>
    public static IReadOnlyList<int> Between(int first, int last) => Enumerable.Range(first, last - first + 1).ToArray();
}
