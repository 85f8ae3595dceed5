using System;
using System.Management.Automation;
using System.Net;
using System.Security;
using Seedance.Commands.Runtime;
using Seedance.Connections;

namespace Seedance.Commands.Cmdlets;

/// <summary>
/// <para type="synopsis">Connects to a Seedance provider and makes the connection the default.</para>
/// </summary>
[Cmdlet(VerbsCommunications.Connect, "Seedance")]
[OutputType(typeof(SeedanceConnection))]
public sealed class ConnectSeedanceCommand : AsyncCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    [ArgumentCompleter(typeof(ProviderNameCompleter))]
    public string Provider { get; set; } = string.Empty;

    /// <summary>The API key; read from the provider's environment variable or SEEDANCE_API_KEY when omitted.</summary>
    [Parameter]
    public SecureString? ApiKey { get; set; }

    /// <summary>A gateway or emulator address instead of the provider's own.</summary>
    [Parameter]
    public Uri? BaseUri { get; set; }

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

    /// <summary>Seconds one HTTP attempt may take.</summary>
    [Parameter]
    [ValidateRange(1, 3600)]
    public int TimeoutSec { get; set; } = 30;

    /// <summary>Retries of calls that are safe to repeat.</summary>
    [Parameter]
    [ValidateRange(0, 20)]
    public int MaxRetries { get; set; } = 6;

    /// <summary>A proxy for every call; the system proxy is used when omitted.</summary>
    [Parameter]
    public Uri? Proxy { get; set; }

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
            DefaultModel = Model,
            ThrottleLimit = ThrottleLimit,
            ApiKey = ApiKey is null ? null : ApiKeySecret.FromSecureString(ApiKey, "-ApiKey"),
        };
        options.Http.AttemptTimeout = TimeSpan.FromSeconds(TimeoutSec);
        options.Http.MaxRetries = MaxRetries;
        options.Http.UseProxy = !NoProxy;
        if (Proxy is not null)
        {
            options.Http.Proxy = new WebProxy(Proxy) { Credentials = ProxyCredential?.GetNetworkCredential() };
        }

        try
        {
            var connection = State.Session.Connect(options);
            WriteVerbose($"Connected to {connection.Provider} at {connection.BaseUri} as '{connection.Name}' (key from {connection.KeySource}).");
            WriteObject(connection);
        }
        catch (SeedanceException ex)
        {
            ThrowSeedanceError(ex, Provider);
        }
    }
}
