using System;
using System.Linq;
using System.Management.Automation;
using System.Security;
using Seedance.Commands.Runtime;
using Seedance.Connections;
using Seedance.Http;
using Seedance.Emulator;
using Seedance.Emulator.Faults;
using Seedance.Emulator.Recording;
using Seedance.Emulator.Server;

namespace Seedance.Commands.Cmdlets;

/// <summary>Starts the offline provider emulator on 127.0.0.1 and connects to it.</summary>
/// <remarks>
/// <para>The emulator speaks the providers' own wire protocols on this machine only, with realistic task lifecycles,
/// concurrency limits and real H.264 MP4 output, so scripts can be rehearsed without a key and without spending
/// money. A prompt containing #fail fails its task, #nsfw is refused by moderation and #stuck never finishes.</para>
/// <para>What the emulator received and did (requests, tasks, faults, webhooks) is shown by Get-SeedanceEmulatorRecord,
/// so a Pester test of a script can assert on what the script sent.</para>
/// </remarks>
/// <example>
/// <code>Start-SeedanceEmulator; Get-ChildItem ./shots/*.png | New-SeedanceVideo -Prompt 'pan' | Save-SeedanceVideo</code>
/// <para>Rehearses a batch offline.</para>
/// </example>
/// <example>
/// <code>Start-SeedanceEmulator -Provider fal -LatencySec 0.5 -FaultPlan '[{"endpoint":"submit","calls":[1],"action":"DropAfterHandling"}]'</code>
/// <para>Rehearses fal with the first submit's answer lost, to see how a script behaves when it cannot know whether a task was created.</para>
/// </example>
/// <example>
/// <code>Start-SeedanceEmulator -LatencySec 20, 60 -ConcurrencyLimit @{ WaveSpeed = 3 } -SubmitsPerMinute @{ WaveSpeed = 5 } -OutputFolder ./rehearsal</code>
/// <para>Rehearses WaveSpeed's Bronze tier: 3 videos at a time, 5 submits a minute (the sixth is answered 429), each video
/// taking 20 to 60 seconds, and every video made also written to ./rehearsal.</para>
/// </example>
[Cmdlet(VerbsLifecycle.Start, "SeedanceEmulator")]
[OutputType(typeof(EmulatorInfo))]
public sealed class StartSeedanceEmulatorCommand : SeedanceCmdlet
{
    /// <summary>The provider to rehearse: the default connection goes to its twin.</summary>
    [Parameter(Position = 0)]
    [ArgumentCompleter(typeof(ProviderNameCompleter))]
    public string Provider { get; set; } = "WaveSpeed";

    /// <summary>
    /// Seconds one generation takes: one number for a fixed time (-LatencySec 5), or two for a range each generation's
    /// time is drawn from (-LatencySec 2, 8), as real generation times vary.
    /// </summary>
    [Parameter]
    [ValidateCount(1, 2)]
    [ValidateRange(0, 3600)]
    public double[] LatencySec { get; set; } = { 2 };

    /// <summary>
    /// Generations running at once per key, as the provider's tier allows: one number for every provider (-ConcurrencyLimit 3)
    /// or a hashtable for single providers (-ConcurrencyLimit @{ WaveSpeed = 3 }), the others keeping 10. Over the limit
    /// tasks queue, except on AI/ML API, which answers 429 as it documents. 0 means no limit.
    /// </summary>
    [Parameter]
    [ProviderLimitsArgument]
    public ProviderLimits? ConcurrencyLimit { get; set; }

    /// <summary>
    /// Submits one key may make per minute before the provider answers 429 in its own shape: one number or a hashtable
    /// (-SubmitsPerMinute @{ WaveSpeed = 5 } is WaveSpeed's Bronze tier). WaveSpeed and Replicate publish such quotas;
    /// without this WaveSpeed has none and Replicate its documented 600. 0 turns a quota off.
    /// </summary>
    [Parameter]
    [ProviderLimitsArgument]
    public ProviderLimits? SubmitsPerMinute { get; set; }

    /// <summary>A folder the emulator also writes each succeeded task's video to, as {task id}.mp4; created if missing.</summary>
    [Parameter]
    public string? OutputFolder { get; set; }

    /// <summary>The most records Get-SeedanceEmulatorRecord keeps (requests, tasks, faults, webhooks); the oldest are dropped first. 0 records nothing.</summary>
    [Parameter]
    [ValidateRange(0, 1000000)]
    public int RecordLimit { get; set; } = EmulatorRecorder.DefaultLimit;

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
        // Settings first: a bad one is reported as itself, whether or not an emulator already runs.
        var options = Settings();
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

        options.Faults = faults;
        options.ApiKey = key.Reveal();
        EmulatorServer emulator;
        try
        {
            emulator = EmulatorServer.Start(options);
        }
        catch (Exception ex) when (ex is System.IO.IOException or UnauthorizedAccessException)
        {
            ThrowSeedanceError(Invalid(nameof(OutputFolder), $"-OutputFolder '{options.OutputFolder}' cannot be used: {ex.Message}"), OutputFolder);
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

        WriteObject(new EmulatorInfo(emulator.Root, emulator.Providers.ToDictionary(name => name, emulator.BaseUriFor, StringComparer.OrdinalIgnoreCase), emulator.Options));
    }

    /// <summary>The emulator's settings from the parameters, refusing those that cannot work before anything starts.</summary>
    private EmulatorOptions Settings()
    {
        if (LatencySec.Length == 2 && LatencySec[1] < LatencySec[0])
        {
            ThrowSeedanceError(Invalid(nameof(LatencySec), $"-LatencySec {LatencySec[0]}, {LatencySec[1]} runs backwards: give the shorter time first, e.g. -LatencySec {LatencySec[1]}, {LatencySec[0]}."), null);
        }

        var options = new EmulatorOptions
        {
            Port = Port,
            Latency = TimeSpan.FromSeconds(LatencySec[0]),
            LatencyMaximum = LatencySec.Length == 2 ? TimeSpan.FromSeconds(LatencySec[1]) : null,
            OutputFolder = OutputFolder is null ? null : PathResolution.FileSystemPath(this, OutputFolder),
            RecordLimit = RecordLimit,
            WebhookSecret = WebhookSecret is null ? null : SecretArgumentAttribute.Reveal(WebhookSecret),
        };
        if (options.WebhookSecret is { } secret && WebhookSecrets.ProblemWith(secret) is { } problem)
        {
            ThrowSeedanceError(new SeedanceException(SeedanceErrorCategory.Validation, ErrorIds.WebhookSecretInvalid, "-WebhookSecret: " + problem) { ParameterName = "WebhookSecret" }, null);
        }

        Apply(nameof(ConcurrencyLimit), ConcurrencyLimit, all => options.ConcurrencyLimit = all, options.ConcurrencyLimitByProvider);
        Apply(nameof(SubmitsPerMinute), SubmitsPerMinute, all => options.SubmitsPerMinute = all, options.SubmitsPerMinuteByProvider);
        return options;
    }

    private void Apply(string parameter, ProviderLimits? limits, Action<int> setAll, System.Collections.Generic.IDictionary<string, int> byProvider)
    {
        if (limits is null)
        {
            return;
        }

        foreach (var (provider, limit) in (limits.All is { } all ? new[] { ("every provider", all) } : limits.ByProvider.Select(pair => (pair.Key, pair.Value))))
        {
            if (limit < 0)
            {
                ThrowSeedanceError(Invalid(parameter, $"-{parameter} for {provider} is {limit}; give 0 (no limit) or more."), null);
            }
        }

        if (parameter == nameof(SubmitsPerMinute) && limits.ByProvider.Keys.FirstOrDefault(provider => !SubmitQuota.Providers.Contains(provider, StringComparer.OrdinalIgnoreCase)) is { } unlimited)
        {
            ThrowSeedanceError(Invalid(parameter, $"-SubmitsPerMinute cannot be set for {unlimited}: it publishes no submit quota, so its twin has none; {string.Join(" and ", SubmitQuota.Providers)} do. Limit {unlimited} with -ConcurrencyLimit instead."), null);
        }

        if (limits.All is { } every)
        {
            setAll(every);
        }

        foreach (var pair in limits.ByProvider)
        {
            byProvider[pair.Key] = pair.Value;
        }
    }

    private static SeedanceException Invalid(string parameter, string message) =>
        new(SeedanceErrorCategory.Validation, ErrorIds.EmulatorSettingInvalid, message) { ParameterName = parameter };
}
