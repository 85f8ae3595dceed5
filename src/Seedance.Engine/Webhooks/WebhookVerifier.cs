using System.Text.Json;
using Seedance.Connections;
using Seedance.Journal;
using Seedance.Providers;

namespace Seedance.Webhooks;

/// <summary>
/// Turns a webhook a user's endpoint received into the task it reports, trusting nothing unchecked: a signed one
/// (WaveSpeed, Replicate, fal) is believed once its signature and age are checked; an unsigned one (Ark) or one
/// signed in a way no one has published (Atlas Cloud) only names a task, which is then asked for at the provider.
/// </summary>
public static class WebhookVerifier
{
    /// <param name="connectionFor">
    /// The connection to follow a task through, made only when the provider must be asked (an unsigned webhook,
    /// fal's key set); given the task as the journal knows it, so a journalled task goes where it was submitted.
    /// </param>
    public static async Task<VideoTask> VerifyAsync(IVideoProvider provider, WebhookMessage message, WebhookCheck check, TaskJournal journal,
        Func<VideoTask, SeedanceConnection> connectionFor, CancellationToken cancellationToken)
    {
        var name = provider.Info.Name;
        if (provider is not IWebhookSource source)
        {
            throw new SeedanceException(SeedanceErrorCategory.NotSupported, ErrorIds.WebhookNotOffered,
                $"{name} sends no webhooks, so this cannot be one of its. Check -Provider (or the connection's provider).") { Provider = name, ParameterName = "Provider" };
        }

        using var document = Parse(message.Body, name);
        var body = document.RootElement;
        var named = source.TaskOf(body) ?? throw new SeedanceException(SeedanceErrorCategory.Validation, ErrorIds.WebhookBodyInvalid,
            $"The webhook body names no {name} task (it has none of the fields {name} puts its task id in). Pass the body as received, and check -Provider.") { Provider = name, ParameterName = "Body" };
        // A task this machine submitted comes back with what the journal knows (prompt, connection, estimate...).
        var known = journal.ReadAll().FirstOrDefault(record => record.Id == named.Id && string.Equals(record.Provider, name, StringComparison.OrdinalIgnoreCase))?.ToVideoTask()
            ?? named;

        if (source is ISignedWebhookSource signed)
        {
            await signed.Signature.VerifyAsync(message, check, () => connectionFor(known).Context, cancellationToken).ConfigureAwait(false);
            return signed.ReadWebhook(body, known) with { CheckedAt = check.Now };
        }

        // Nothing in the request proves who sent it: what the provider itself says about the task is the answer.
        return await connectionFor(known).RefreshAsync(known, cancellationToken).ConfigureAwait(false);
    }

    private static JsonDocument Parse(string body, string provider)
    {
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            throw new SeedanceException(SeedanceErrorCategory.Validation, ErrorIds.WebhookBodyInvalid,
                $"The webhook body is not JSON ({ex.Message}); every {provider} webhook is. Pass the raw body as received (in Azure Functions, $Request.RawBody, not $Request.Body).") { Provider = provider, ParameterName = "Body" };
        }
    }
}
