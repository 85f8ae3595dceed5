using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace Seedance.Bench;

/// <summary>
/// Runs the batch scenarios against the emulator (a child process) and prints one table row per run.
/// Usage: dotnet run -c Release --project bench -- [--only 1,2,3] [--no-baseline] [--no-cmdlets]
///        dotnet run -c Release --project bench -- --soak [--tasks 500] [--provider WaveSpeed]
/// </summary>
internal static class Program
{
    private static readonly Scenario[] Scenarios =
    {
        new("1", 100, 10, TimeSpan.FromSeconds(3), 2_000_000),
        new("2", 30, 3, TimeSpan.FromSeconds(3), null),
        new("3", 20, 20, TimeSpan.FromSeconds(3), 200_000_000),
    };

    private static async Task<int> Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        var only = Option(args, "--only")?.Split(',') ?? Scenarios.Select(scenario => scenario.Name).ToArray();
        var baseline = !args.Contains("--no-baseline");
        var cmdlets = !args.Contains("--no-cmdlets");
        var folder = Path.Combine(Path.GetTempPath(), "seedance-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        if (args.Contains("--soak"))
        {
            try
            {
                return await SoakRun.RunAsync(folder, int.Parse(Option(args, "--tasks") ?? "500", CultureInfo.InvariantCulture), Option(args, "--provider") ?? "WaveSpeed");
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        var pwsh = CmdletRun.FindPwsh();
        var module = CmdletRun.FindModule(RepositoryRoot());
        Console.WriteLine($"Seedance batch benchmark, {DateTime.Now:yyyy-MM-dd HH:mm}, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        Console.WriteLine(pwsh is not null && module is not null ? $"cmdlet runs: {pwsh} with {module}" : "cmdlet runs: skipped (needs pwsh on PATH or SEEDANCE_PWSH, and ./build.ps1 -Task Build)");
        Console.WriteLine();
        Console.WriteLine(Table.Header);

        var results = new List<RunResult>();
        try
        {
            foreach (var scenario in Scenarios.Where(scenario => only.Contains(scenario.Name)))
            {
                // Scenario 3 is about memory while every file downloads at once, so downloads are not capped there.
                var downloadLimit = scenario.Name == "3" ? scenario.Tasks : 8;
                results.Add(await WithEmulator(scenario, emulator => EngineRun.RunAsync(emulator, scenario, folder, downloadLimit)));
                Console.WriteLine(Table.Row(results[results.Count - 1]));
                if (cmdlets && pwsh is not null && module is not null && scenario.Name == "1")
                {
                    var run = await WithEmulator(scenario, emulator => CmdletRun.RunAsync(pwsh, module, emulator, scenario, folder));
                    if (run is not null)
                    {
                        results.Add(run);
                        Console.WriteLine(Table.Row(run));
                    }
                }

                if (baseline && scenario.Name == "1")
                {
                    var naive = await WithEmulator(scenario, emulator => NaiveLoop.RunAsync(emulator, scenario, folder));
                    results.Add(naive);
                    Console.WriteLine(Table.Row(naive));
                    Console.WriteLine($"  speed-up of the engine over the naive loop: {naive.Makespan.TotalSeconds / results[0].Makespan.TotalSeconds:0.0}x");
                }

                if (scenario.Name == "3")
                {
                    var (engine, curl, bytes) = await WithEmulator(scenario with { Tasks = 1 }, emulator => DownloadComparison.RunAsync(emulator, folder));
                    Console.WriteLine($"  one {bytes / 1_000_000} MB download: engine {engine:0} MB/s, curl {(curl is { } speed ? $"{speed:0} MB/s, engine/curl {engine / speed:P0}" : "not installed")}");
                }
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        Console.WriteLine();
        Console.WriteLine(Table.Legend);
        return 0;
    }

    private static async Task<T> WithEmulator<T>(Scenario scenario, Func<EmulatorProcess, Task<T>> run)
    {
        using var emulator = EmulatorProcess.Start(scenario.Latency, scenario.Concurrency, scenario.OutputBytes);
        return await run(emulator).ConfigureAwait(false);
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Seedance.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? Directory.GetCurrentDirectory();
    }
}
