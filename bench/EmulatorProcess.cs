using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;

namespace Seedance.Bench;

/// <summary>
/// The emulator host as a child process, so the benchmark's own memory and CPU figures are the client's alone.
/// </summary>
internal sealed class EmulatorProcess : IDisposable
{
    private readonly Process _process;
    private static readonly HttpClient Client = new();

    private EmulatorProcess(Process process, Uri root, Dictionary<string, Uri> baseUris)
    {
        _process = process;
        Root = root;
        BaseUris = baseUris;
    }

    public Uri Root { get; }

    public IReadOnlyDictionary<string, Uri> BaseUris { get; }

    public const string Key = "bench-key";

    public static EmulatorProcess Start(TimeSpan latency, int concurrency, long? outputBytes, string? faultPlanPath = null, TimeSpan? urlLifetime = null, int? submitsPerMinute = null)
    {
        var host = HostPath();
        // Nothing reads the emulator's records in a benchmark, and keeping them costs the emulator time the client would be blamed for.
        var arguments = new List<string> { host, "--latency", latency.TotalSeconds.ToString(CultureInfo.InvariantCulture), "--concurrency", concurrency.ToString(CultureInfo.InvariantCulture), "--api-key", Key, "--record-limit", "0" };
        if (submitsPerMinute is { } quota)
        {
            arguments.AddRange(new[] { "--submits-per-minute", "WaveSpeed=" + quota.ToString(CultureInfo.InvariantCulture) });
        }

        if (outputBytes is { } bytes)
        {
            arguments.AddRange(new[] { "--output-bytes", bytes.ToString(CultureInfo.InvariantCulture) });
        }

        if (urlLifetime is { } lifetime)
        {
            arguments.AddRange(new[] { "--url-lifetime", lifetime.TotalSeconds.ToString(CultureInfo.InvariantCulture) });
        }

        if (faultPlanPath is not null)
        {
            arguments.AddRange(new[] { "--faults", faultPlanPath });
        }

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        arguments.ForEach(start.ArgumentList.Add);
        var process = Process.Start(start) ?? throw new InvalidOperationException("The emulator host did not start.");
        var root = new Uri(process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("The emulator host printed nothing."));
        var baseUris = new Dictionary<string, Uri>(StringComparer.OrdinalIgnoreCase);
        string? line;
        while ((line = process.StandardOutput.ReadLine()) is { Length: > 0 })
        {
            var parts = line.Split(' ');
            baseUris[parts[0]] = new Uri(parts[1]);
        }

        return new EmulatorProcess(process, root, baseUris);
    }

    /// <summary>The emulator host built by the same configuration as this benchmark (its project reference builds it).</summary>
    private static string HostPath()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Seedance.sln")))
        {
            root = root.Parent;
        }

        var host = Path.Combine(root?.FullName ?? ".", "src", "Seedance.Emulator.Host", "bin", configuration, "net8.0", "seedance-emulator.dll");
        return File.Exists(host) ? host : throw new FileNotFoundException($"The emulator host was not built at {host}.");
    }

    public async Task<JsonElement> StatisticsAsync()
    {
        var json = await Client.GetStringAsync(new Uri(Root, "_emulator/stats")).ConfigureAwait(false);
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process.Dispose();
    }
}
