using System.Diagnostics;
using System.Text;

namespace Seedance.Media;

/// <summary>
/// The ffmpeg found on PATH, run as a child process for the two jobs this module leaves to it: taking a saved video's
/// final frame (to start the next clip of a chain) and joining clips into one MP4. ffmpeg is optional: what needs it
/// says so, and how to get it, before any money is spent.
/// </summary>
public sealed class Ffmpeg
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    private Ffmpeg(string path) => Path = path;

    /// <summary>The executable that runs.</summary>
    public string Path { get; }

    /// <summary>How to install it, for messages.</summary>
    public const string InstallHint = "Install ffmpeg (apt-get install ffmpeg, winget install ffmpeg, brew install ffmpeg) so it is on PATH";

    /// <summary>The ffmpeg on PATH, or null when there is none.</summary>
    public static Ffmpeg? Find()
    {
        var names = Environment.OSVersion.Platform == PlatformID.Win32NT ? new[] { "ffmpeg.exe" } : new[] { "ffmpeg" };
        var found = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(System.IO.Path.PathSeparator)
            .Where(folder => folder.Length > 0)
            .SelectMany(folder => names.Select(name => System.IO.Path.Combine(folder, name)))
            .FirstOrDefault(File.Exists);
        return found is null ? null : new Ffmpeg(found);
    }

    /// <summary>Runs ffmpeg with <paramref name="arguments"/>; throws with ffmpeg's own words when it fails.</summary>
    public async Task RunAsync(IReadOnlyList<string> arguments, string purpose, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Path)
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            CreateNoWindow = true,
        };
#if NET8_0_OR_GREATER
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
#else
        start.Arguments = CommandLine.Join(arguments);
#endif
        using var process = new Process { StartInfo = start };
        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                lock (errors)
                {
                    errors.AppendLine(line.Data);
                }
            }
        };
        process.OutputDataReceived += (_, _) => { };
        process.Start();
        process.StandardInput.Close();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        try
        {
            await Task.Run(() =>
            {
                while (!process.WaitForExit(100))
                {
                    deadline.Token.ThrowIfCancellationRequested();
                }

                process.WaitForExit();
            }, CancellationToken.None).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            TryKill(process);
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            throw new SeedanceException(SeedanceErrorCategory.FileSystem, ErrorIds.FfmpegFailed, $"ffmpeg did not finish {purpose} within {Timeout.TotalMinutes:0} minutes; it was stopped.");
        }

        if (process.ExitCode != 0)
        {
            string said;
            lock (errors)
            {
                said = errors.ToString().Trim();
            }

            throw new SeedanceException(SeedanceErrorCategory.FileSystem, ErrorIds.FfmpegFailed,
                $"ffmpeg failed {purpose} (exit code {process.ExitCode}){(said.Length == 0 ? "." : $": {Last(said, 600)}")}");
        }
    }

    private static string Last(string text, int length) => text.Length <= length ? text : "…" + text.Substring(text.Length - length);

    private static void TryKill(Process process)
    {
        try
        {
            process.Kill();
        }
        catch (InvalidOperationException)
        {
            // It ended on its own meanwhile.
        }
    }
}
