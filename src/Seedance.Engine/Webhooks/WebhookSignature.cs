using Seedance.Providers;

namespace Seedance.Webhooks;

/// <summary>How one provider signs its webhooks; checking one throws a specific error when anything is wrong.</summary>
public abstract class WebhookSignature
{
    /// <summary>Returns when the message is signed by the provider, is fresh, and its body is as signed.</summary>
    /// <param name="context">The connection's context, asked for only by a scheme that reads keys from the provider.</param>
    internal abstract Task VerifyAsync(WebhookMessage message, WebhookCheck check, Func<ProviderContext> context, CancellationToken cancellationToken);
}
