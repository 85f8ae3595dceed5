using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Seedance.Tests.Support;

/// <summary>
/// Runs the ffprobe and ffmpeg found on PATH, when they are installed, as an independent judge of media files.
/// Tests that use it must still pass without it, saying so in their output (see <see cref="NotInstalledNotice"/>).
/// </summary>
internal static class Ffprobe
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly Lazy<string?> FfprobePath = new(() => FindOnPath("ffprobe"));
    private static readonly Lazy<string?> FfmpegPath = new(() => FindOnPath("ffmpeg"));

    public static bool IsAvailable => FfprobePath.Value is not null && FfmpegPath.Value is not null;

    public const string NotInstalledNotice =
        "ffprobe/ffmpeg not found on PATH: the independent decoder checks did NOT run; only the engine's own inspector checked this file.";

    /// <summary>The streams and container duration, counting frames by decoding them (-count_frames).</summary>
    public static FfprobeReport Probe(string path)
    {
        string json = Run(
            Require(FfprobePath.Value, "ffprobe"),
            "-v", "error", "-count_frames",
            "-show_entries", "stream=codec_type,codec_name,width,height,r_frame_rate,avg_frame_rate,duration,nb_read_frames,sample_rate,channels:format=duration",
            "-of", "json",
            path).StandardOutput;

        using JsonDocument document = JsonDocument.Parse(json);
        JsonElement root = document.RootElement;
        var streams = root.GetProperty("streams").EnumerateArray().Select(stream => new FfprobeStream(
            CodecType: Text(stream, "codec_type"),
            CodecName: Text(stream, "codec_name"),
            Width: (int)Number(stream, "width"),
            Height: (int)Number(stream, "height"),
            RFrameRate: Text(stream, "r_frame_rate"),
            AvgFrameRate: Text(stream, "avg_frame_rate"),
            DurationSeconds: Number(stream, "duration"),
            ReadFrames: (long)Number(stream, "nb_read_frames"),
            SampleRate: (int)Number(stream, "sample_rate"),
            Channels: (int)Number(stream, "channels"))).ToList();
        return new FfprobeReport(Number(root.GetProperty("format"), "duration"), streams, json);
    }

    /// <summary>
    /// The frame rate the H.264 stream itself signals (SPS VUI timing), which the MP4 container's timing would
    /// otherwise mask: the video is copied out as a raw Annex B stream, which has no other timing, and probed.
    /// </summary>
    public static string ElementaryStreamFrameRate(string path)
    {
        using var elementaryStream = new TempFile(".h264");
        Run(Require(FfmpegPath.Value, "ffmpeg"), "-v", "error", "-nostdin", "-i", path, "-map", "0:v:0", "-c", "copy", "-f", "h264", elementaryStream.Path);
        string json = Run(Require(FfprobePath.Value, "ffprobe"), "-v", "error", "-show_entries", "stream=r_frame_rate", "-of", "json", elementaryStream.Path).StandardOutput;
        using JsonDocument document = JsonDocument.Parse(json);
        return Text(document.RootElement.GetProperty("streams")[0], "r_frame_rate");
    }

    /// <summary>Decodes every stream to nowhere; returns what ffmpeg reports at error level, empty for a clean file.</summary>
    public static string DecodeErrors(string path) =>
        Run(Require(FfmpegPath.Value, "ffmpeg"), "-v", "error", "-nostdin", "-i", path, "-f", "null", "-").StandardError.Trim();

    /// <summary>The MD5 of every decoded video frame, in order.</summary>
    public static IReadOnlyList<string> VideoFrameHashes(string path)
    {
        string output = Run(Require(FfmpegPath.Value, "ffmpeg"), "-v", "error", "-nostdin", "-i", path, "-map", "0:v:0", "-f", "framemd5", "-").StandardOutput;
        return output.Split('\n')
            .Where(line => line.Length > 0 && !line.StartsWith("#", StringComparison.Ordinal))
            .Select(line => line.Split(',').Last().Trim())
            .ToList();
    }

    /// <summary>Frame <paramref name="frame"/> (counting from 0) as ffmpeg decodes it: raw 4:2:0, the Y plane then Cb then Cr.</summary>
    public static byte[] DecodedFrameYuv(string path, int frame)
    {
        using var raw = new TempFile(".yuv");
        Run(Require(FfmpegPath.Value, "ffmpeg"), "-v", "error", "-nostdin", "-y", "-i", path, "-map", "0:v:0",
            "-vf", $"select=eq(n\\,{frame.ToString(CultureInfo.InvariantCulture)})", "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "yuv420p", raw.Path);
        return File.ReadAllBytes(raw.Path);
    }

    /// <summary>Converts an image file (PNG in, JPEG out, say) with ffmpeg, which writes baseline JPEGs.</summary>
    public static void ConvertImage(string source, string target) =>
        Run(Require(FfmpegPath.Value, "ffmpeg"), "-v", "error", "-nostdin", "-y", "-i", source, "-q:v", "2", target);

    /// <summary>The mean volume ffmpeg measures over the audio track, in dB (-91 is digital silence).</summary>
    public static double MeanVolume(string path)
    {
        string log = Run(Require(FfmpegPath.Value, "ffmpeg"), "-nostdin", "-i", path, "-map", "0:a:0", "-af", "volumedetect", "-f", "null", "-").StandardError;
        string line = log.Split('\n').Single(text => text.Contains("mean_volume:"));
        return double.Parse(line.Substring(line.IndexOf("mean_volume:", StringComparison.Ordinal) + 12).Replace("dB", string.Empty).Trim(), CultureInfo.InvariantCulture);
    }

    private static (string StandardOutput, string StandardError) Run(string executable, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {executable}.");

        // Both pipes are drained concurrently so neither can fill up and stall the process.
        Task<string> standardOutput = process.StandardOutput.ReadToEndAsync();
        Task<string> standardError = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit((int)Timeout.TotalMilliseconds))
        {
            process.Kill();
            throw new TimeoutException($"{executable} did not finish within {Timeout.TotalSeconds} s.");
        }

        string error = standardError.GetAwaiter().GetResult();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(executable)} exited with {process.ExitCode}: {error}");
        }

        return (standardOutput.GetAwaiter().GetResult(), error);
    }

    private static string Require(string? path, string name) =>
        path ?? throw new InvalidOperationException($"{name} is not installed; check {nameof(IsAvailable)} first.");

    private static string? FindOnPath(string name)
    {
        string[] candidates = OperatingSystem.IsWindows() ? new[] { name + ".exe" } : new[] { name };
        foreach (string directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            foreach (string candidate in candidates)
            {
                string path = Path.Combine(directory.Trim(), candidate);
                if (directory.Length > 0 && File.Exists(path))
                {
                    return path;
                }
            }
        }

        return null;
    }

    /// <summary>ffprobe prints most numbers as JSON strings, some as numbers, and leaves absent ones out.</summary>
    private static double Number(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out JsonElement value))
        {
            return 0;
        }

        return value.ValueKind == JsonValueKind.Number
            ? value.GetDouble()
            : double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed) ? parsed : 0;
    }

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) ? value.ToString() : string.Empty;
}

internal sealed record FfprobeStream(
    string CodecType,
    string CodecName,
    int Width,
    int Height,
    string RFrameRate,
    string AvgFrameRate,
    double DurationSeconds,
    long ReadFrames,
    int SampleRate,
    int Channels);

/// <summary>What ffprobe said about a file; <see cref="Json"/> is its raw output, for failure messages.</summary>
internal sealed record FfprobeReport(double FormatDurationSeconds, IReadOnlyList<FfprobeStream> Streams, string Json);
