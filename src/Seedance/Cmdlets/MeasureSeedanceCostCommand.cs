using System.Management.Automation;
using Seedance.Commands.Runtime;
using Seedance.Pricing;

namespace Seedance.Commands.Cmdlets;

/// <summary>Prices what New-SeedanceVideo would submit, without submitting anything.</summary>
/// <remarks>
/// <para>Takes the same parameters and pipeline input as New-SeedanceVideo and makes the same checks (images,
/// durations, resolutions, options, -MaxCost), then emits one CostEstimate per planned task and a CostTotal last.
/// An input New-SeedanceVideo would refuse, or one that would take the batch over -MaxCost, is reported as the
/// same error New-SeedanceVideo would give, so the cut-off shown is the one the real run applies.</para>
/// <para>Prices come from each provider's published price list (Get-SeedanceModel); the PriceSource property says
/// which, or that none is published for a model.</para>
/// </remarks>
/// <example>
/// <code>Get-ChildItem ./shots/*.jpg | Measure-SeedanceCost -Prompt 'slow orbital pan' -Duration 10 | Select-Object -Last 1</code>
/// <para>What a folder of shots would cost at 10 seconds each.</para>
/// </example>
/// <example>
/// <code>Import-Csv ./storyboard.csv | Measure-SeedanceCost -MaxCost 20</code>
/// <para>Each storyboard row's cost, and which rows a $20 cap would refuse.</para>
/// </example>
[Cmdlet(VerbsDiagnostic.Measure, "SeedanceCost")]
[OutputType(typeof(CostEstimate), typeof(CostTotal))]
public sealed class MeasureSeedanceCostCommand : VideoRequestCmdlet
{
    private CostBudget? _budget;
    private decimal _total;
    private int _tasks;
    private int _unpriced;

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        _budget = MaxCost is { } limit ? new CostBudget(limit) : null;
    }

    protected override void ProcessRecord() => ForEachInput((request, prepared) =>
    {
        _budget?.Reserve(prepared.EstimatedCost, prepared.Summary);
        _tasks++;
        _total += prepared.EstimatedCost ?? 0;
        if (prepared.EstimatedCost is null)
        {
            _unpriced++;
        }

        WriteObject(new CostEstimate(Describe(request), prepared.Model.Provider, prepared.Model, prepared.DurationSeconds, prepared.EffectiveResolution, prepared.EstimatedCost, _total));
    });

    protected override void EndProcessing() => WriteObject(new CostTotal(_tasks, _unpriced, _total, MaxCost));
}
