using System.Text.Json;

namespace Seedance.Providers;

/// <summary>A provider that posts webhooks (callbacks) when a task changes.</summary>
public interface IWebhookSource
{
    /// <summary>The task a webhook body is about, as a bare snapshot (its id, and its model where the body says); null when the body names none.</summary>
    VideoTask? TaskOf(JsonElement body);
}

/// <summary>
/// A provider whose webhooks carry a signature this module can check, so the body itself can be trusted once
/// checked. A provider that signs nothing checkable is only an <see cref="IWebhookSource"/>: its task is asked for.
/// </summary>
public interface ISignedWebhookSource : IWebhookSource
{
    Webhooks.WebhookSignature Signature { get; }

    /// <summary>The task as a checked webhook body reports it, with the provider's own status reading.</summary>
    VideoTask ReadWebhook(JsonElement body, VideoTask task);
}
