namespace Seedance.Emulator.Recording;

/// <summary>How a webhook's delivery went.</summary>
internal enum WebhookOutcome
{
    Sending,
    Delivered,
    Failed,
    NotLoopback,
}
