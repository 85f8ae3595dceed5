using Seedance.Emulator.Files;
using Seedance.Emulator.Tasks;

namespace Seedance.Emulator.Server;

/// <summary>What every twin shares: the simulated back end, the video files, the options, outgoing webhooks.</summary>
public sealed class EmulatorServices
{
    internal EmulatorServices(EmulatorOptions options, EmulatedTaskStore tasks, VideoFiles files, UploadedFiles uploads, WebhookSender webhooks, Uri root)
    {
        Uploads = uploads;
        Options = options;
        Tasks = tasks;
        Files = files;
        Webhooks = webhooks;
        Root = root;
    }

    public EmulatorOptions Options { get; }

    public EmulatedTaskStore Tasks { get; }

    public VideoFiles Files { get; }

    /// <summary>Per-minute submit quotas, for twins whose providers have one.</summary>
    public SubmitQuota Quota { get; } = new();

    /// <summary>Files uploaded through the twins' upload endpoints.</summary>
    public UploadedFiles Uploads { get; }

    public WebhookSender Webhooks { get; }

    /// <summary>http://127.0.0.1:port/</summary>
    public Uri Root { get; }

    /// <summary>True when <paramref name="key"/> is the configured key (or any non-empty key when none is configured).</summary>
    public bool Accepts(string? key) =>
        !string.IsNullOrEmpty(key) && (Options.ApiKey is null || string.Equals(Options.ApiKey, key, StringComparison.Ordinal));

    /// <summary>The URL a finished task's video is served at, signed with an expiry when URLs expire.</summary>
    public Uri VideoUrl(EmulatedTask task) => VideoFiles.UrlFor(Root, task, Options.OutputUrlLifetime is { } lifetime ? DateTimeOffset.UtcNow + lifetime : null);
}
