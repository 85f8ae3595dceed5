using System;
using System.Diagnostics;
using System.Management.Automation;

namespace Seedance.Commands.Runtime;

/// <summary>
/// New-SeedanceVideo's one progress record for the whole batch: how many tasks are submitted and what they are
/// estimated to cost, refreshed at most twice a second, as Wait and Save show theirs.
/// </summary>
internal sealed class SubmitProgress
{
    private const string Activity = "Submitting Seedance tasks";
    private static readonly TimeSpan MinimumInterval = TimeSpan.FromMilliseconds(500);

    private readonly Cmdlet _cmdlet;
    private readonly Stopwatch _sinceLastRecord = Stopwatch.StartNew();
    private int _submitted;
    private decimal _estimated;

    public SubmitProgress(Cmdlet cmdlet) => _cmdlet = cmdlet;

    public void Submitted(decimal? estimatedCost)
    {
        _submitted++;
        _estimated += estimatedCost ?? 0;
        if (_submitted == 1 || _sinceLastRecord.Elapsed >= MinimumInterval)
        {
            Write(ProgressRecordType.Processing);
        }
    }

    public void Complete()
    {
        if (_submitted > 0)
        {
            Write(ProgressRecordType.Completed);
        }
    }

    private void Write(ProgressRecordType type)
    {
        _sinceLastRecord.Restart();
        _cmdlet.WriteProgress(new ProgressRecord(2, Activity, $"{_submitted} submitted, est. ${_estimated:0.00}") { RecordType = type });
    }
}
