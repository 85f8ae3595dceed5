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
/// <para>Where the provider quotes prices (WaveSpeed's POST /api/v3/model/price), each task is priced by the
/// provider's own quote, which is what it will bill; elsewhere by the published price list (Get-SeedanceModel).
/// The PriceSource property says which, or that no price is published for a model. A quote costs nothing and
/// generates nothing.</para>
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
        var price = RunInBackground(token => RequestConnection!.PriceAsync(prepared, token));
        _budget?.Reserve(price.Amount, prepared.Summary);
        _tasks++;
        _total += price.Amount ?? 0;
        if (price.Amount is null)
        {
            _unpriced++;
        }

        WriteObject(new CostEstimate(Describe(request), prepared.Model, prepared.DurationSeconds, prepared.EffectiveResolution, price, _total));
    });

    protected override void EndProcessing() => WriteObject(new CostTotal(_tasks, _unpriced, _total, MaxCost));
}
