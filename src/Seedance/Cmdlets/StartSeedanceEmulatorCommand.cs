using System;
using System.Linq;
using System.Management.Automation;
using System.Security;
using Seedance.Commands.Runtime;
using Seedance.Connections;
using Seedance.Http;
using Seedance.Emulator;
using Seedance.Emulator.Faults;
using Seedance.Emulator.Server;

namespace Seedance.Commands.Cmdlets;

/// <summary>Starts the offline provider emulator on 127.0.0.1 and connects to it.</summary>
/// <remarks>
/// <para>The emulator speaks the providers' own wire protocols on this machine only, with realistic task lifecycles,
/// concurrency limits and real H.264 MP4 output, so scripts can be rehearsed without a key and without spending
/// money. A prompt containing #fail fails its task, #nsfw is refused by moderation and #stuck never finishes.</para>
/// </remarks>
/// <example>
/// <code>Start-SeedanceEmulator; Get-ChildItem ./shots/*.png | New-SeedanceVideo -Prompt 'pan' | Save-SeedanceVideo</code>
/// <para>Rehearses a batch offline.</para>
/// </example>
/// <example>
/// <code>Start-SeedanceEmulator -Provider fal -LatencySec 0.5 -FaultPlan '[{"endpoint":"submit","calls":[1],"action":"DropAfterHandling"}]'</code>
/// <para>Rehearses fal with the first submit's answer lost, to see how a script behaves when it cannot know whether a task was created.</para>
/// </example>
[Cmdlet(VerbsLifecycle.Start, "SeedanceEmulator")]
[OutputType(typeof(EmulatorInfo))]
public sealed class StartSeedanceEmulatorCommand : SeedanceCmdlet
{
    /// <summary>The provider to rehearse: the default connection goes to its twin.</summary>
    [Parameter(Position = 0)]
    [ArgumentCompleter(typeof(ProviderNameCompleter))]
    public string Provider { get; set; } = "WaveSpeed";

    /// <summary>Seconds one generation takes.</summary>
    [Parameter]
    [ValidateRange(0, 3600)]
    public double LatencySec { get; set; } = 2;

    /// <summary>Generations running at once per key; the rest queue. 0 means no limit.</summary>
    [Parameter]
    [ValidateRange(0, 10000)]
    public int ConcurrencyLimit { get; set; } = 10;

    /// <summary>The port; a free one when 0.</summary>
    [Parameter]
    [ValidateRange(0, 65535)]
    public int Port { get; set; }

    /// <summary>The key the emulator requires, so further connections (Connect-Seedance -BaseUri) can use it; a random one, never shown, when omitted.</summary>
    [Parameter]
    public SecureString? ApiKey { get; set; }

    /// <summary>
    /// Scripted failures, as a JSON file or JSON text: e.g. '[{"endpoint":"submit","calls":[1],"action":"Status","statusCode":403,"body":"{\"code\":403,\"message\":\"Insufficient balance\"}"}]'.
    /// Actions: Status, Delay, DropBeforeHandling, DropAfterHandling, Truncate, Malformed, AnswerFinished (a submit whose
    /// task is finished at once), CreateLate (the answer is lost and the task appears only delayMilliseconds later).
    /// {{credential}} in a Status body echoes the key the request carried.
    /// </summary>
    [Parameter]
    public string? FaultPlan { get; set; }

    /// <summary>
    /// The whsec_ secret (whsec_ and base64, as SecureString or text) the WaveSpeed and Replicate twins sign webhooks
    /// with, so a receiver under test can be given it (Test-SeedanceWebhook -Secret); a random one when omitted.
    /// </summary>
    [Parameter]
    [SecretArgument]
    public SecureString? WebhookSecret { get; set; }

    /// <summary>Only start the emulator; do not connect to it.</summary>
    [Parameter]
    public SwitchParameter NoConnect { get; set; }

    protected override void EndProcessing()
    {
        if (State.Emulator is not null)
        {
            ThrowSeedanceError(new SeedanceException(SeedanceErrorCategory.Validation, ErrorIds.EmulatorRunning,
                $"An emulator is already running in this session at {State.Emulator.Root}. Stop it with Stop-SeedanceEmulator first."), null);
        }

        ApiKeySecret key;
        FaultPlan faults;
        try
        {
            // Without -ApiKey, a fresh random key that the connection and the emulator share and nobody has to see.
            key = ApiKey is null ? ApiKeySecret.FromPlainText(Guid.NewGuid().ToString("N"), "the emulator") : ApiKeySecret.FromSecureString(ApiKey, "-ApiKey");
            faults = FaultPlanArgument.Read(this, FaultPlan);
        }
        catch (SeedanceException ex)
        {
            ThrowSeedanceError(ex, ex.ParameterName == "ApiKey" ? null : FaultPlan);
            return;
        }

        EmulatorServer emulator;
        try
        {
            emulator = EmulatorServer.Start(new EmulatorOptions
            {
                Faults = faults,
                Port = Port,
                ApiKey = key.Reveal(),
                Latency = TimeSpan.FromSeconds(LatencySec),
                ConcurrencyLimit = ConcurrencyLimit,
                WebhookSecret = WebhookSecret is null ? null : SecretArgumentAttribute.Reveal(WebhookSecret),
            });
        }
        catch (ArgumentException ex)
        {
            // Only the webhook secret is refused this way, and before anything listens.
            ThrowSeedanceError(new SeedanceException(SeedanceErrorCategory.Validation, ErrorIds.WebhookSecretInvalid, "-WebhookSecret: " + ex.Message) { ParameterName = "WebhookSecret" }, null);
            return;
        }

        State.Emulator = emulator;
        try
        {
            if (!NoConnect)
            {
                var connection = State.Session.Connect(
                    new ConnectionOptions(Provider)
                    {
                        BaseUri = emulator.BaseUriFor(Provider),
                        ApiKey = key,
                        Http = HttpSettings.FromEnvironment(Environment.GetEnvironmentVariable),
                    },
                    out var replaced);
                if (replaced is not null)
                {
                    WriteWarning(ConnectionWarnings.Replaced(replaced));
                }

                WriteVerbose($"Connected '{connection.Name}' to the emulator's {connection.Provider} twin at {connection.BaseUri}.");
            }
        }
        catch (Exception ex) when (ex is SeedanceException or ArgumentException)
        {
            emulator.Dispose();
            State.Emulator = null;
            ThrowSeedanceError(ex as SeedanceException ?? new SeedanceException(SeedanceErrorCategory.Validation, ErrorIds.ProviderNotEmulated, ex.Message) { ParameterName = "Provider" }, Provider);
        }

        WriteObject(new EmulatorInfo(emulator.Root, emulator.Providers.ToDictionary(name => name, emulator.BaseUriFor, StringComparer.OrdinalIgnoreCase), emulator.Options.Latency, emulator.Options.ConcurrencyLimit));
    }
}
