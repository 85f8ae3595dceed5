using System;
using System.Management.Automation;
using System.Net;
using System.Security;
using Seedance.Commands.Runtime;
using Seedance.Connections;
using Seedance.Http;

namespace Seedance.Commands.Cmdlets;

/// <summary>Connects to a Seedance provider and makes the connection the default.</summary>
/// <remarks>
/// <para>A connection is a provider, its address and its key, under a name. The newest connection is the default
/// that the other cmdlets use; -Connection on them picks another by name. Connections live in the current
/// PowerShell session only. Connecting again under a name in use replaces that connection, with a warning.</para>
/// <para>The key is read from -ApiKey, or else from the provider's own environment variable (WAVESPEED_API_KEY,
/// AIMLAPI_KEY, ARK_API_KEY, FAL_KEY, REPLICATE_API_TOKEN, ATLASCLOUD_API_KEY), or else from SEEDANCE_API_KEY. It is
/// never shown: not in output, verbose messages, errors or the task journal.</para>
/// <para>Plain http:// addresses are refused unless they point at this machine (the emulator).</para>
/// </remarks>
/// <example>
/// <code>Connect-Seedance -Provider WaveSpeed -ApiKey (Read-Host -AsSecureString 'WaveSpeed key')</code>
/// <para>Connects to WaveSpeed with a key typed in at the prompt.</para>
/// </example>
/// <example>
/// <code>Connect-Seedance -Provider WaveSpeed -Name batch -ApiKey (Get-Secret WaveSpeed) -ThrottleLimit 3</code>
/// <para>A second profile, keyed from SecretManagement, that keeps at most three tasks unfinished at once (WaveSpeed's Bronze tier).</para>
/// </example>
[Cmdlet(VerbsCommunications.Connect, "Seedance")]
[OutputType(typeof(ConnectionInfo))]
public sealed class ConnectSeedanceCommand : SeedanceCmdlet
{
    /// <summary>The provider to connect to: WaveSpeed, AIMLAPI, Ark, fal, Replicate or AtlasCloud (tab completes).</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ArgumentCompleter(typeof(ProviderNameCompleter))]
    public string Provider { get; set; } = string.Empty;

    /// <summary>The API key; read from the provider's environment variable or SEEDANCE_API_KEY when omitted.</summary>
    [Parameter]
    public SecureString? ApiKey { get; set; }

    /// <summary>A gateway or emulator address instead of the provider's own.</summary>
    [Parameter]
    public Uri? BaseUri { get; set; }

    /// <summary>The provider's region where it has several (Ark: BytePlus, the default, or Volcengine); it picks the address and the model ids.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(RegionCompleter))]
    public string? Region { get; set; }

    /// <summary>The profile name, for -Connection; the provider's name when omitted.</summary>
    [Parameter]
    public string? Name { get; set; }

    /// <summary>The model to use when New-SeedanceVideo names none.</summary>
    [Parameter]
    public string? Model { get; set; }

    /// <summary>At most this many unfinished tasks at once; further submissions wait. 0 means no limit.</summary>
    [Parameter]
    [ValidateRange(0, 10000)]
    public int ThrottleLimit { get; set; } = ConnectionOptions.DefaultThrottleLimit;

    /// <summary>Seconds one HTTP attempt may take (default 30, or SEEDANCE_TIMEOUT_SEC).</summary>
    [Parameter]
    [ValidateRange(1, 3600)]
    public int TimeoutSec { get; set; }

    /// <summary>Retries of calls that are safe to repeat (default 6, or SEEDANCE_MAX_RETRIES). A submit is only ever repeated when it provably created nothing.</summary>
    [Parameter]
    [ValidateRange(0, 20)]
    public int MaxRetries { get; set; }

    /// <summary>A proxy for every call; the system proxy is used when omitted.</summary>
    [Parameter]
    public Uri? Proxy { get; set; }

    /// <summary>Credentials for -Proxy.</summary>
    [Parameter]
    [Credential]
    public PSCredential? ProxyCredential { get; set; }

    /// <summary>Bypass every proxy, including the system one.</summary>
    [Parameter]
    public SwitchParameter NoProxy { get; set; }

    protected override void EndProcessing()
    {
        var options = new ConnectionOptions(Provider)
        {
            Name = Name,
            BaseUri = BaseUri,
            Region = Region,
            DefaultModel = Model,
            ThrottleLimit = ThrottleLimit,
        };
        try
        {
            options.ApiKey = ApiKey is null ? null : ApiKeySecret.FromSecureString(ApiKey, "-ApiKey");
            options.Http = HttpSettings.FromEnvironment(Environment.GetEnvironmentVariable);
            if (MyInvocation.BoundParameters.ContainsKey(nameof(TimeoutSec)))
            {
                options.Http.AttemptTimeout = TimeSpan.FromSeconds(TimeoutSec);
            }

            if (MyInvocation.BoundParameters.ContainsKey(nameof(MaxRetries)))
            {
                options.Http.MaxRetries = MaxRetries;
            }

            options.Http.UseProxy = !NoProxy;
            if (Proxy is not null)
            {
                options.Http.Proxy = new WebProxy(Proxy) { Credentials = ProxyCredential?.GetNetworkCredential() };
            }

            var connection = State.Session.Connect(options, out var replaced);
            if (replaced is not null)
            {
                WriteWarning(ConnectionWarnings.Replaced(replaced));
            }

            WriteVerbose($"Connected to {connection.Provider} at {connection.BaseUri} as '{connection.Name}' (key from {connection.KeySource}).");
            WriteObject(connection.Describe(isDefault: true));
        }
        catch (SeedanceException ex)
        {
            ThrowSeedanceError(ex, Provider);
        }
    }
}
