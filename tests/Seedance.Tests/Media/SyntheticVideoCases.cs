using Seedance.Emulator.Media;

namespace Seedance.Tests.Media;

/// <summary>
/// The synthetic videos both the inspector round trips and the ffprobe checks run against, so the engine's own
/// check and the independent decoder judge the same files.
/// </summary>
internal static class SyntheticVideoCases
{
    private static readonly Dictionary<string, SyntheticVideoSpec> Specs = new()
    {
        ["1280x720 5s"] = new() { Width = 1280, Height = 720, DurationSeconds = 5, Seed = 1 },
        ["1280x720 5s audio"] = new() { Width = 1280, Height = 720, DurationSeconds = 5, Seed = 2, IncludeAudio = true },
        ["1920x1080 10s audio keyframes 2s"] = new() { Width = 1920, Height = 1080, DurationSeconds = 10, Seed = 3, IncludeAudio = true, KeyframeIntervalSeconds = 2 },
        ["854x480 4s audio keyframes 1s"] = new() { Width = 854, Height = 480, DurationSeconds = 4, Seed = 4, IncludeAudio = true, KeyframeIntervalSeconds = 1 },
        ["640x640 15s keyframes 5s"] = new() { Width = 640, Height = 640, DurationSeconds = 15, Seed = 5, KeyframeIntervalSeconds = 5 },
        ["640x640 4s audio padded to 3 MB"] = new() { Width = 640, Height = 640, DurationSeconds = 4, Seed = 6, IncludeAudio = true, PadToBytes = 3_000_000 },
        ["1280x720 5s audio made compact for 300 KB"] = new() { Width = 1280, Height = 720, DurationSeconds = 5, Seed = 7, IncludeAudio = true, KeyframeIntervalSeconds = 1, PadToBytes = 300_000 },
    };

    public static TheoryData<string> Names
    {
        get
        {
            var names = new TheoryData<string>();
            foreach (string name in Specs.Keys)
            {
                names.Add(name);
            }

            return names;
        }
    }

    /// <summary>A copy, so no test can change what another sees.</summary>
    public static SyntheticVideoSpec Spec(string name)
    {
        SyntheticVideoSpec spec = Specs[name];
        return new SyntheticVideoSpec
        {
            Width = spec.Width,
            Height = spec.Height,
            FramesPerSecond = spec.FramesPerSecond,
            DurationSeconds = spec.DurationSeconds,
            Seed = spec.Seed,
            KeyframeIntervalSeconds = spec.KeyframeIntervalSeconds,
            IncludeAudio = spec.IncludeAudio,
            PadToBytes = spec.PadToBytes,
        };
    }

    public static void WriteFile(string path, SyntheticVideoSpec spec)
    {
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        SyntheticVideo.WriteMp4(file, spec);
    }

    public static byte[] WriteBytes(SyntheticVideoSpec spec)
    {
        using var memory = new MemoryStream();
        SyntheticVideo.WriteMp4(memory, spec);
        return memory.ToArray();
    }
}
