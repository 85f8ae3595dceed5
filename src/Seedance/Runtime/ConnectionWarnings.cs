using Seedance.Connections;

namespace Seedance.Commands.Runtime;

/// <summary>What the user is told when a connection goes away under them: replaced by a new one, or disconnected.</summary>
internal static class ConnectionWarnings
{
    public static string Replaced(ConnectionInfo old) =>
        $"The connection '{old.Name}' ({old.Provider} at {old.BaseUri}) was replaced.{Unfollowed(old)}";

    /// <summary>Null when nothing is lost by disconnecting.</summary>
    public static string? Disconnected(ConnectionInfo old) =>
        old.PendingTasks == 0 ? null : $"Disconnected '{old.Name}'.{Unfollowed(old)}";

    private static string Unfollowed(ConnectionInfo old) => old.PendingTasks == 0 ? string.Empty
        : $" Its {old.PendingTasks} unfinished task(s) are no longer followed here; they go on at {old.Provider}, and Get-SeedanceTask -Pending finds them.";
}
