using System.Globalization;
using System.Runtime.InteropServices;
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
        "usage: seedance-emulator [--port N] [--latency SECONDS | --latency MIN-MAX] [--concurrency N | --concurrency PROVIDER=N]... " +
        "[--submits-per-minute N | --submits-per-minute PROVIDER=N]... [--output-folder PATH] [--record-limit N] [--api-key KEY] " +
        "[--output-bytes N] [--keyframe-interval SECONDS] [--faults PLAN.json] [--url-lifetime SECONDS] [--webhook-secret whsec_BASE64]";

    private static int Main(string[] args)
    {
        EmulatorOptions options;
        try
        {
            options = Parse(args);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or OverflowException)
        {
            return Refuse(ex.Message);
        }

        using var stopped = new ManualResetEventSlim();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stopped.Set(); });
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stopped.Set(); });
        EmulatorServer server;
        try
        {
            server = EmulatorServer.Start(options);
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or UnauthorizedAccessException)
        {
            // Settings only the emulator can judge: an unknown provider, a backwards range, an output folder it cannot make.
            return Refuse(ex.Message);
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

    private static int Refuse(string message)
    {
        Console.Error.WriteLine(message);
        Console.Error.WriteLine(Usage);
        return 2;
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
                case "--latency": ParseLatency(value, options); break;
                case "--concurrency": ParseLimit(value, limit => options.ConcurrencyLimit = limit, options.ConcurrencyLimitByProvider); break;
                case "--submits-per-minute": ParseLimit(value, limit => options.SubmitsPerMinute = limit, options.SubmitsPerMinuteByProvider); break;
                case "--output-folder": options.OutputFolder = Path.GetFullPath(value); break;
                case "--record-limit": options.RecordLimit = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--api-key": options.ApiKey = value; break;
                case "--output-bytes": options.OutputBytes = long.Parse(value, CultureInfo.InvariantCulture); break;
                case "--keyframe-interval": options.KeyframeIntervalSeconds = double.Parse(value, CultureInfo.InvariantCulture); break;
                case "--url-lifetime": options.OutputUrlLifetime = TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture)); break;
                case "--webhook-secret": options.WebhookSecret = value; break;
                case "--faults": options.Faults = FaultPlan.FromJson(File.ReadAllText(value)); break;
                default: throw new ArgumentException($"Unknown option {args[i]}.");
            }

            i++;
        }

        return options;
    }

    /// <summary>"5" for a fixed latency, "2-8" for one drawn from that range, in seconds.</summary>
    private static void ParseLatency(string value, EmulatorOptions options)
    {
        var bounds = value.Split('-');
        if (bounds.Length > 2)
        {
            throw new FormatException($"--latency takes SECONDS or MIN-MAX, not '{value}'.");
        }

        options.Latency = TimeSpan.FromSeconds(double.Parse(bounds[0], CultureInfo.InvariantCulture));
        options.LatencyMaximum = bounds.Length == 2 ? TimeSpan.FromSeconds(double.Parse(bounds[1], CultureInfo.InvariantCulture)) : null;
    }

    /// <summary>"N" sets every provider's limit; "PROVIDER=N" (repeatable) sets one provider's.</summary>
    private static void ParseLimit(string value, Action<int> setAll, System.Collections.Generic.IDictionary<string, int> byProvider)
    {
        var equals = value.IndexOf('=');
        if (equals < 0)
        {
            setAll(int.Parse(value, CultureInfo.InvariantCulture));
            return;
        }

        byProvider[value.Substring(0, equals)] = int.Parse(value.Substring(equals + 1), CultureInfo.InvariantCulture);
    }
}
