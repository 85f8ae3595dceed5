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
///        dotnet run -c Release --project bench -- --tasks N --concurrency C --latency-sec T [--size-bytes S] [--submits-per-minute R] [--runner engine|cmdlet|both] [--submitters K] [--videos DIR]
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

        if (Option(args, "--tasks") is not null)
        {
            // --videos puts the videos elsewhere (a RAM disk, to take this machine's disk out of the figures); the
            // journal stays in the temporary folder.
            var videos = Option(args, "--videos") is { } place ? Path.Combine(Path.GetFullPath(place), "seedance-bench-videos-" + Guid.NewGuid().ToString("N")) : folder;
            Directory.CreateDirectory(videos);
            try
            {
                return await RunCustomAsync(CustomScenario(args), Option(args, "--runner") ?? "engine", Option(args, "--submitters") is { } submitters ? int.Parse(submitters, CultureInfo.InvariantCulture) : null, folder, videos);
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
                if (videos != folder)
                {
                    Directory.Delete(videos, recursive: true);
                }
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
                results.Add(await WithEmulator(scenario, emulator => EngineRun.RunAsync(emulator, scenario, folder, folder, downloadLimit)));
                Console.WriteLine(Table.Row(results[results.Count - 1]));
                if (cmdlets && pwsh is not null && module is not null && scenario.Name == "1")
                {
                    var run = await WithEmulator(scenario, emulator => CmdletRun.RunAsync(pwsh, module, emulator, scenario, folder, folder));
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

    /// <summary>One scenario from the command line, run by the engine runner (with K submits at once), the cmdlet runner or both.</summary>
    private static async Task<int> RunCustomAsync(Scenario scenario, string runner, int? submitters, string folder, string videos)
    {
        if (runner is not ("engine" or "cmdlet" or "both"))
        {
            Console.Error.WriteLine($"--runner takes engine, cmdlet or both, not '{runner}'.");
            return 2;
        }

        var pwsh = CmdletRun.FindPwsh();
        var module = CmdletRun.FindModule(RepositoryRoot());
        Console.WriteLine($"Seedance batch benchmark, {DateTime.Now:yyyy-MM-dd HH:mm}, {Environment.ProcessorCount} cores, .NET {Environment.Version}, {scenario.Describe()}, videos saved under {Path.GetDirectoryName(videos)}");
        Console.WriteLine(Table.Header);
        if (runner is "engine" or "both")
        {
            var run = await WithEmulator(scenario, emulator => EngineRun.RunAsync(emulator, scenario, folder, videos, downloadLimit: null, submitters));
            Console.WriteLine(Table.Row(run));
            Console.WriteLine(run.Timeline);
        }

        if (runner is "cmdlet" or "both")
        {
            if (pwsh is null || module is null)
            {
                Console.Error.WriteLine("The cmdlet runner needs pwsh on PATH (or SEEDANCE_PWSH) and the module built by ./build.ps1 -Task Build.");
                return 2;
            }

            var cmdlets = await WithEmulator(scenario, emulator => CmdletRun.RunAsync(pwsh, module, emulator, scenario, folder, videos));
            Console.WriteLine(cmdlets is null ? "| cmdlet run failed, see above |" : Table.Row(cmdlets));
        }

        Console.WriteLine();
        Console.WriteLine(Table.Legend);
        return 0;
    }

    /// <summary>
    /// WaveSpeed's largest tier (Ultra: 5,000 videos a minute, 5,000 at once; providers.md 2.9), the one a custom
    /// scenario's thousands of concurrent tasks stand for unless --submits-per-minute says otherwise.
    /// </summary>
    private const int UltraTierVideosPerMinute = 5000;

    /// <summary>
    /// --tasks N --concurrency C --latency-sec T [--size-bytes S] [--submits-per-minute R]; C defaults to N, T to 3 s,
    /// S to the emulator's own size, R to WaveSpeed's Ultra tier.
    /// </summary>
    private static Scenario CustomScenario(string[] args)
    {
        var tasks = int.Parse(Option(args, "--tasks")!, CultureInfo.InvariantCulture);
        var concurrency = int.Parse(Option(args, "--concurrency") ?? tasks.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var latency = TimeSpan.FromSeconds(double.Parse(Option(args, "--latency-sec") ?? "3", CultureInfo.InvariantCulture));
        var size = Option(args, "--size-bytes") is { } bytes ? long.Parse(bytes, CultureInfo.InvariantCulture) : (long?)null;
        var quota = int.Parse(Option(args, "--submits-per-minute") ?? UltraTierVideosPerMinute.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return new Scenario("custom", tasks, concurrency, latency, size, quota);
    }

    private static async Task<T> WithEmulator<T>(Scenario scenario, Func<EmulatorProcess, Task<T>> run)
    {
        using var emulator = EmulatorProcess.Start(scenario.Latency, scenario.Concurrency, scenario.OutputBytes, submitsPerMinute: scenario.SubmitsPerMinute);
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
