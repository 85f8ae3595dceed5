using System;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using Seedance.Emulator;
using Seedance.Emulator.Faults;
using Seedance.Emulator.Server;

namespace Seedance.Emulator.Host;

/// <summary>
/// Runs the emulator from a shell. The first line of standard output is the root URL; each further line is a
/// provider and its base URI, and an empty line ends the list. Serves until Ctrl+C or SIGTERM.
/// </summary>
internal static class Program
{
    private const string Usage =
        "usage: seedance-emulator [--port N] [--latency SECONDS] [--concurrency N] [--api-key KEY] [--output-bytes N] [--keyframe-interval SECONDS] [--faults PLAN.json] [--url-lifetime SECONDS] [--submits-per-minute N] [--webhook-secret whsec_BASE64]";

    private static int Main(string[] args)
    {
        EmulatorOptions options;
        try
        {
            options = Parse(args);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            Console.Error.WriteLine(ex.Message);
            Console.Error.WriteLine(Usage);
            return 2;
        }

        using var stopped = new ManualResetEventSlim();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stopped.Set(); });
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stopped.Set(); });
        EmulatorServer server;
        try
        {
            server = EmulatorServer.Start(options);
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 2;
        }

        using var running = server;
        Console.WriteLine(server.Root.AbsoluteUri);
        foreach (var provider in server.Providers)
        {
            Console.WriteLine($"{provider} {server.BaseUriFor(provider).AbsoluteUri}");
        }

        Console.WriteLine();

        Console.Out.Flush();
        stopped.Wait();
        return 0;
    }

    private static EmulatorOptions Parse(string[] args)
    {
        var options = new EmulatorOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--port": options.Port = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--latency": options.Latency = TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture)); break;
                case "--concurrency": options.ConcurrencyLimit = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--api-key": options.ApiKey = value; break;
                case "--output-bytes": options.OutputBytes = long.Parse(value, CultureInfo.InvariantCulture); break;
                case "--keyframe-interval": options.KeyframeIntervalSeconds = double.Parse(value, CultureInfo.InvariantCulture); break;
                case "--submits-per-minute": options.SubmitsPerMinute = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--url-lifetime": options.OutputUrlLifetime = TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture)); break;
                case "--webhook-secret": options.WebhookSecret = value; break;
                case "--faults": options.Faults = FaultPlan.FromJson(File.ReadAllText(value)); break;
                default: throw new ArgumentException($"Unknown option {args[i]}.");
            }

            i++;
        }

        return options;
    }
}
