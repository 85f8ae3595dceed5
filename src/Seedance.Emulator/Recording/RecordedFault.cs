using Seedance.Emulator.Faults;

namespace Seedance.Emulator.Recording;

/// <summary>A scripted fault that hit a request: which call of which endpoint, and what it did.</summary>
public sealed class RecordedFault : EmulatorRecord
{
    internal RecordedFault(DateTimeOffset time, string? provider, string endpoint, int call, FaultRule rule)
        : base(time, provider)
    {
        Endpoint = endpoint;
        Call = call;
        Action = rule.Action.ToString();
        StatusCode = rule.Action == FaultAction.Status ? rule.StatusCode : null;
        DelayMilliseconds = rule.Action is FaultAction.Delay or FaultAction.CreateLate ? rule.DelayMilliseconds : null;
    }

    /// <summary>submit, status, cancel, upload, list or download.</summary>
    public string Endpoint { get; }

    /// <summary>The call's number among calls of its endpoint kind, counted from 1 as the fault plan counts them.</summary>
    public int Call { get; }

    /// <summary>The fault's action, by name (Status, Delay, DropBeforeHandling...).</summary>
    public string Action { get; }

    /// <summary>The status code answered, for a Status fault.</summary>
    public int? StatusCode { get; }

    public int? DelayMilliseconds { get; }

    internal override RecordKind KindOf => RecordKind.Fault;

    public override string ToString() => $"{Endpoint} #{Call}: {Action}";
}
