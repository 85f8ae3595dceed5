namespace Seedance.Emulator.Recording;

/// <summary>
/// A webhook the emulator sent, or would have: its target, its body (secrets masked) and how delivery went,
/// updated as the attempts are made.
/// </summary>
public sealed class RecordedWebhook : EmulatorRecord
{
    private int _attempts;
    private int _statusCode;
    private int _outcome;

    internal RecordedWebhook(DateTimeOffset time, string? provider, string? taskId, string url, string body)
        : base(time, provider)
    {
        TaskId = taskId;
        Url = url;
        Body = body;
    }

    /// <summary>The task the webhook reports on; null when its record was already dropped.</summary>
    public string? TaskId { get; }

    public string Url { get; }

    public string Body { get; }

    /// <summary>Sending, Delivered, Failed (every attempt refused or unanswered) or NotLoopback (never sent: the emulator only calls this machine).</summary>
    public string Status => ((WebhookOutcome)Volatile.Read(ref _outcome)).ToString();

    /// <summary>Delivery attempts made so far.</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    /// <summary>The status code the receiver last answered; null when it never answered.</summary>
    public int? StatusCode => Volatile.Read(ref _statusCode) is var code && code != 0 ? code : null;

    internal override RecordKind KindOf => RecordKind.Webhook;

    /// <summary>One attempt ended with the receiver's <paramref name="statusCode"/>, or null when it did not answer.</summary>
    internal void Attempted(int? statusCode)
    {
        Interlocked.Increment(ref _attempts);
        if (statusCode is { } code)
        {
            Volatile.Write(ref _statusCode, code);
        }
    }

    internal void Ended(WebhookOutcome outcome) => Volatile.Write(ref _outcome, (int)outcome);

    public override string ToString() => $"{Url} {Status}";
}
