using System;
using System.Linq;
using System.Management.Automation;
using Seedance.Commands.Runtime;
using Seedance.Connections;

namespace Seedance.Commands.Cmdlets;

/// <summary>Gets tasks: their current status from the provider, or the journal's record of recent ones.</summary>
/// <remarks>
/// <para>With -Id (or task objects from the pipeline) it asks the provider for each task's current status.</para>
/// <para>With -Recent or -Pending it reads the task journal, which records every task this machine submitted before
/// New-SeedanceVideo returned it. After a crash, Get-SeedanceTask -Pending | Wait-SeedanceTask | Save-SeedanceVideo
/// recovers every paid video not yet on disk.</para>
/// <para>-Pending also looks for the tasks of submits that went out and were never answered (the process died, or the
/// answer was lost): it asks the provider's list of tasks, at the address the submit went to, and lists a task it
/// finds with the others. Where the provider lists no tasks, or its list cannot tell, a warning names the submit
/// and where to look for it.</para>
/// </remarks>
/// <example>
/// <code>Get-SeedanceTask -Id 3fb326328f0543a0a9dc5a6701075695</code>
/// <para>The current status of one task.</para>
/// </example>
/// <example>
/// <code>Get-SeedanceTask -Pending | Wait-SeedanceTask | Save-SeedanceVideo -Path ./videos</code>
/// <para>Finishes what an interrupted batch left undone.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "SeedanceTask", DefaultParameterSetName = IdSet)]
[OutputType(typeof(VideoTask))]
public sealed class GetSeedanceTaskCommand : TaskInputCmdlet
{
    private const string RecentSet = "Recent";
    private const string PendingSet = "Pending";

    /// <summary>Tasks this machine submitted recently, newest first, from the journal (no network).</summary>
    [Parameter(Mandatory = true, ParameterSetName = RecentSet)]
    public SwitchParameter Recent { get; set; }

    /// <summary>Journalled tasks still owed something (unfinished, or finished but never saved), after looking for the tasks of submits never answered.</summary>
    [Parameter(Mandatory = true, ParameterSetName = PendingSet)]
    public SwitchParameter Pending { get; set; }

    /// <summary>Only tasks submitted after this time; the last 7 days (what providers keep) by default. Tasks settled more than 30 days ago are in the journal's archive (journal.archive.jsonl), not here.</summary>
    [Parameter(ParameterSetName = RecentSet)]
    [Parameter(ParameterSetName = PendingSet)]
    public DateTime? Since { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName is RecentSet or PendingSet)
        {
            return;
        }

        try
        {
            foreach (var task in InputTasks())
            {
                var connection = State.Session.FindOrConnectFor(task);
                WriteObject(RunInBackground(token => connection.RefreshAsync(task, token)));
            }
        }
        catch (SeedanceException ex)
        {
            WriteSeedanceError(ex, Id.FirstOrDefault() ?? (object?)InputObject.FirstOrDefault());
        }
    }

    protected override void EndProcessing()
    {
        if (ParameterSetName is not (RecentSet or PendingSet))
        {
            return;
        }

        var since = Since is { } given ? new DateTimeOffset(given) : DateTimeOffset.UtcNow.AddDays(-7);
        var session = State.Session;
        if (Pending)
        {
            // Submits never answered come first: a task found for one is journalled, and listed below with the rest.
            RunInBackground(token => PendingSubmits.SettleAsync(session, since, token));
        }

        var records = session.Journal.ReadAll()
            .Where(record => record.SubmittedAt >= since)
            .Where(record => !Pending || record.IsPending)
            .Select(record => record.ToVideoTask());
        WriteObject(records, enumerateCollection: true);
    }
}
