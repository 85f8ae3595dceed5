using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Security;
using Seedance.Commands.Runtime;
using Seedance.Connections;
using Seedance.Providers;
using Seedance.Webhooks;

namespace Seedance.Commands.Cmdlets;

/// <summary>Checks a webhook a provider posted, and returns the task it reports.</summary>
/// <remarks>
/// <para>For a runbook, an Azure Function or any endpoint that receives the providers' callbacks (New-SeedanceVideo
/// -WebhookUrl). Pass the raw body exactly as received and all of the request's headers. A signed webhook is checked
/// before anything in it is believed: WaveSpeed's (HMAC-SHA256, webhook-signature v3) and Replicate's (Standard
/// Webhooks, v1) with the account's whsec_ secret (-Secret); fal's (Ed25519) with the keys fal publishes, read
/// through the connection. Its timestamp must be within -MaxAgeSec of now, so an old delivery cannot be replayed.
/// Ark signs nothing, and Atlas Cloud's signature format is unpublished: their callbacks only name a task, which is
/// then asked for at the provider through the connection, and the provider's answer is returned.</para>
/// <para>It returns the same Seedance.VideoTask the other cmdlets emit (with what the journal knows of a task this
/// machine submitted), so Save-SeedanceVideo can take it from the pipeline. A tampered body, a wrong secret, a
/// missing signature or a stale timestamp is an error of its own (WebhookSignatureInvalid, WebhookSignatureMissing,
/// WebhookTimestampStale), in the SecurityError category.</para>
/// </remarks>
/// <example>
/// <code>param($Request)
/// $task = Test-SeedanceWebhook -Provider Replicate -Body $Request.RawBody -Headers $Request.Headers -Secret $env:REPLICATE_WEBHOOK_SECRET
/// if ($task.State -eq 'Succeeded') { $task | Save-SeedanceVideo -Path $env:VIDEO_FOLDER }</code>
/// <para>An Azure Function (PowerShell) that receives Replicate's webhook: the raw body, not the parsed $Request.Body, and the secret from an app setting.</para>
/// </example>
/// <example>
/// <code>$context = $listener.GetContext()
/// $body = [IO.StreamReader]::new($context.Request.InputStream).ReadToEnd()
/// Test-SeedanceWebhook -Provider fal -Body $body -Headers $context.Request.Headers</code>
/// <para>Checks a fal webhook received by an HttpListener against fal's published keys, through the fal connection.</para>
/// </example>
[Cmdlet(VerbsDiagnostic.Test, "SeedanceWebhook")]
[OutputType(typeof(VideoTask))]
public sealed class TestSeedanceWebhookCommand : BackgroundWorkCmdlet
{
    /// <summary>The request body exactly as it arrived (a signature covers every byte; a body parsed and written out again fails).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("RawBody")]
    [AllowEmptyString]
    public string Body { get; set; } = string.Empty;

    /// <summary>The request's headers: a hashtable or dictionary (Azure Functions' $Request.Headers), or a name/value collection (HttpListener's).</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [HeadersArgument]
    public IDictionary Headers { get; set; } = new Hashtable();

    /// <summary>The account's webhook secret (whsec_…), as a SecureString or as text: needed for WaveSpeed and Replicate, whose webhooks are signed with it.</summary>
    [Parameter]
    [SecretArgument]
    public SecureString? Secret { get; set; }

    /// <summary>The provider that sent the webhook; the connection's (-Connection, else the default) when omitted.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(ProviderNameCompleter))]
    public string? Provider { get; set; }

    /// <summary>The connection that asks the provider where a check needs it (an unsigned callback's task, fal's keys).</summary>
    [Parameter]
    [ArgumentCompleter(typeof(ConnectionNameCompleter))]
    public string? Connection { get; set; }

    /// <summary>How far the webhook's timestamp may be from now, either way, in seconds; 300 (the providers' own figure) by default.</summary>
    [Parameter]
    [Alias("MaxAge")]
    [ValidateRange(1, 7 * 24 * 3600)]
    public int MaxAgeSec { get; set; } = (int)WebhookCheck.DefaultMaxAge.TotalSeconds;

    protected override void ProcessRecord()
    {
        try
        {
            var session = State.Session;
            var provider = ProviderCatalog.Get(Provider ?? session.FindOrConnect(Connection, null).Provider);
            var check = new WebhookCheck(provider.Info.Name)
            {
                Secret = Secret is null ? null : SecretArgumentAttribute.Reveal(Secret),
                MaxAge = TimeSpan.FromSeconds(MaxAgeSec),
            };
            var message = new WebhookMessage(Body, HeaderValues());

            // A journalled task is followed where it was submitted; any other through the connection named (or the default).
            SeedanceConnection ConnectionFor(VideoTask task) =>
                task.BaseUri is not null ? session.FindOrConnectFor(task) : session.FindOrConnect(Connection, provider.Info.Name);

            WriteObject(RunInBackground(token => WebhookVerifier.VerifyAsync(provider, message, check, session.Journal, ConnectionFor, token)));
        }
        catch (SeedanceException ex)
        {
            WriteSeedanceError(ex, Provider);
        }
    }

    /// <summary>Each header once; a header given several values (an array) is joined as HTTP joins repeated headers.</summary>
    private IEnumerable<KeyValuePair<string, string>> HeaderValues() =>
        Headers.Cast<DictionaryEntry>().Select(entry => new KeyValuePair<string, string>(
            entry.Key?.ToString() ?? string.Empty,
            (entry.Value is PSObject wrapped ? wrapped.BaseObject : entry.Value) switch
            {
                string text => text,
                IEnumerable values => string.Join(",", values.Cast<object?>()),
                var other => other?.ToString() ?? string.Empty,
            }));
}
