using System.Management.Automation;
using Seedance.Commands.Runtime;
using Seedance.Requests;
using Seedance.Pricing;

namespace Seedance.Commands.Cmdlets;

/// <summary>Submits video generation tasks: one per pipeline input.</summary>
/// <remarks>
/// <para>Each input (an image file, a FileInfo from Get-ChildItem, a URL, or a row with Image and Prompt
/// properties) becomes one task. Every check that can be made locally is made before anything is sent, so bad
/// input costs nothing: image format and size, durations, resolutions and options the model offers, prompt
/// length, and -MaxCost. -WhatIf shows what would be submitted and its estimated cost.</para>
/// <para>The task is written to the journal before it is returned, and a submit is never repeated when it may have
/// reached the provider, so no task is lost or paid twice. The output is a task to pipe to Wait-SeedanceTask or
/// Save-SeedanceVideo.</para>
/// <para>Several submits are on the wire at once (8, more on a -ThrottleLimit past 256), each within the
/// connection's -ThrottleLimit, so a large tier refills quickly; the tasks come out in the order their inputs came in.</para>
/// </remarks>
/// <example>
/// <code>Get-ChildItem ./shots/*.jpg | New-SeedanceVideo -Prompt 'slow orbital pan' -Duration 5 | Wait-SeedanceTask | Save-SeedanceVideo -Path ./videos</code>
/// <para>A folder of product shots in, a folder of MP4s out.</para>
/// </example>
/// <example>
/// <code>New-SeedanceVideo ./shots/cat.jpg -Prompt 'the cat turns its head' -WhatIf</code>
/// <para>Shows the task and its estimated cost without submitting it.</para>
/// </example>
/// <example>
/// <code>Import-Csv ./storyboard.csv | New-SeedanceVideo -MaxCost 20</code>
/// <para>One task per row (columns Image, Prompt, Duration...), refusing anything that would take the batch over $20.</para>
/// </example>
[Cmdlet(VerbsCommon.New, "SeedanceVideo", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(VideoTask))]
public sealed class NewSeedanceVideoCommand : VideoRequestCmdlet
{
    private CostBudget? _budget;
    private SubmitProgress? _progress;
    private SubmitWindow? _window;

    /// <summary>With -Wait, the Wait-SeedanceTask each submitted task is handed to.</summary>
    private SteppablePipeline? _waiter;

    /// <summary>Emit each task when it has finished (as Wait-SeedanceTask does) instead of as soon as it is submitted.</summary>
    [Parameter]
    public SwitchParameter Wait { get; set; }

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        _budget = MaxCost is { } limit ? new CostBudget(limit) : null;
        _progress = new SubmitProgress(this);
        _window = new SubmitWindow(RequestConnection!.SubmitsInFlight);
        if (Wait)
        {
            _waiter = NestedPipeline.Begin(this, ("Wait-SeedanceTask", NestedPipeline.CommonParameters(this, withShouldProcess: false)));
        }
    }

    protected override void ProcessRecord()
    {
        ForEachInput(Submit);
        HandOn(all: false);
    }

    private void Submit(VideoRequest request, PreparedRequest prepared)
    {
        // Under a cap, a provider's quote (what it will bill) is what counts, as Measure-SeedanceCost counts it.
        var cost = _budget is null ? prepared.EstimatedCost : RunInBackground(token => RequestConnection!.PriceAsync(prepared, token)).Amount;
        _budget?.Reserve(cost, prepared.Summary);
        var target = VideoRequestBinding.Describe(request);
        var operation = $"Performing the operation \"Submit {prepared.Summary}\" on target \"{target}\".";
        if (!ShouldProcess(operation, "Are you sure you want to perform this action?\n" + operation, "Confirm", out var reason))
        {
            // A rehearsal keeps what it would have spent, so -WhatIf -MaxCost cuts off where the real run would.
            if (reason != ShouldProcessReason.WhatIf)
            {
                _budget?.Release(cost);
            }

            return;
        }

        // While the tier is full the pipeline above waits here, as it waits for any submit: once every submit on the
        // wire is handed on, for a task to end.
        var slot = RequestConnection!.TryTakeSlot();
        if (slot is null)
        {
            HandOn(all: true);
            slot = RunInBackground(token => RequestConnection.TakeSlotAsync(token));
        }

        _window!.Add(new SentSubmit(StartInBackground(token => RequestConnection.SubmitAsync(prepared, slot, token)), target, cost));
    }

    /// <summary>Hands on the submits that are answered (or must be waited for: the window is full, or the input has ended), oldest first.</summary>
    private void HandOn(bool all)
    {
        while (_window!.TakeDue(all) is { } sent)
        {
            Pump(sent.Answer);
            HandOn(sent);
        }
    }

    private void HandOn(SentSubmit sent)
    {
        VideoTask task;
        try
        {
            task = sent.Answer.GetAwaiter().GetResult();
        }
        catch (SeedanceException ex)
        {
            if (!ex.SubmitMayHaveSucceeded)
            {
                _budget?.Release(sent.Cost);
            }

            if (FailsEveryInput(ex))
            {
                // The submits already on the wire are the user's, paid or refused: each is handed on before the stop.
                HandOn(all: true);
                ThrowSeedanceError(ex, sent.Target);
            }

            WriteSeedanceError(ex, sent.Target);
            return;
        }

        _progress!.Submitted(sent.Cost);
        if (_waiter is null)
        {
            WriteObject(task);
        }
        else
        {
            _waiter.Process(task);
        }
    }

    protected override void EndProcessing()
    {
        HandOn(all: true);
        _progress?.Complete();
        try
        {
            _waiter?.End();
        }
        finally
        {
            _waiter?.Dispose();
        }
    }
}
