using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace Seedance.Bench;

/// <summary>
/// The real cmdlet pipeline, New | Wait | Save, in a child pwsh against the same emulator, when PowerShell and
/// the built module are available. Module import and connection are outside the timed part.
/// </summary>
internal static class CmdletRun
{
    public static string? FindPwsh() =>
        Environment.GetEnvironmentVariable("SEEDANCE_PWSH") is { Length: > 0 } configured ? configured
        : (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(folder => Path.Combine(folder, "pwsh"))
            .FirstOrDefault(File.Exists);

    public static string? FindModule(string repositoryRoot) =>
        Directory.Exists(Path.Combine(repositoryRoot, "out", "Seedance"))
            ? Directory.GetFiles(Path.Combine(repositoryRoot, "out", "Seedance"), "Seedance.psd1", SearchOption.AllDirectories).OrderBy(path => path).LastOrDefault()
            : null;

    public static async Task<RunResult?> RunAsync(string pwsh, string manifest, EmulatorProcess emulator, Scenario scenario, string folder, string videos)
    {
        var script = string.Join("\n", new[]
        {
            "$ErrorActionPreference = 'Stop'",
            $"Import-Module '{manifest}'",
            $"Connect-Seedance -Provider WaveSpeed -BaseUri '{emulator.BaseUris["WaveSpeed"]}' -ApiKey (ConvertTo-SecureString '{EmulatorProcess.Key}' -AsPlainText -Force) -ThrottleLimit {scenario.Concurrency} | Out-Null",
            "$clock = [Diagnostics.Stopwatch]::StartNew()",
            $"$files = 0..{scenario.Tasks - 1} | ForEach-Object {{ \"https://images.example.com/shot$_.jpg\" }} | New-SeedanceVideo -Prompt 'bench: slow orbital pan' -Duration 5 | Wait-SeedanceTask | Save-SeedanceVideo -Path '{videos}' -Force",
            "'{0} {1}' -f $clock.Elapsed.TotalSeconds.ToString([cultureinfo]::InvariantCulture), @($files).Count",
        });
        var start = new ProcessStartInfo(pwsh) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-NoProfile", "-NonInteractive", "-Command", script })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["SEEDANCE_JOURNAL"] = Path.Combine(folder, "cmdlet-journal.jsonl");
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
        var errors = await process.StandardError.ReadToEndAsync().ConfigureAwait(false);
        await process.WaitForExitAsync().ConfigureAwait(false);
        var last = output.Trim().Split('\n').LastOrDefault()?.Trim().Split(' ');
        if (process.ExitCode != 0 || last is not { Length: 2 })
        {
            Console.Error.WriteLine($"The cmdlet run failed (exit {process.ExitCode}): {errors.Trim()}");
            return null;
        }

        foreach (var file in Directory.GetFiles(videos, "*.mp4"))
        {
            File.Delete(file);
        }

        var seconds = double.Parse(last[0], CultureInfo.InvariantCulture);
        return new RunResult("cmdlets", scenario, TimeSpan.FromSeconds(seconds)) { VideosVerified = int.Parse(last[1], CultureInfo.InvariantCulture) }
            .WithEmulatorFigures(await emulator.StatisticsAsync().ConfigureAwait(false));
    }
}
