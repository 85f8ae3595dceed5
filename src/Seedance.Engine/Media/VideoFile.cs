namespace Seedance;

/// <summary>A finished video saved to disk and verified, as Save-SeedanceVideo emits it.</summary>
public sealed record VideoFile
{
    public VideoFile(string path, VideoTask task)
    {
        Path = path;
        Task = task;
    }

    /// <summary>The full path of the saved file.</summary>
    public string Path { get; }

    /// <summary>The same path under the name file cmdlets bind to, so the object pipes into Get-Item, Copy-Item...</summary>
    public string FullName => Path;

    public string Name => System.IO.Path.GetFileName(Path);

    /// <summary>The task the video came from.</summary>
    public VideoTask Task { get; }

    public string TaskId => Task.Id;

    public string Provider => Task.Provider;

    public long Length { get; init; }

    /// <summary>Duration read from the file itself.</summary>
    public double DurationSeconds { get; init; }

    public int Width { get; init; }

    public int Height { get; init; }

    public double FramesPerSecond { get; init; }

    public bool HasAudio { get; init; }

    /// <summary>The video's last frame, saved beside it as name.last-frame.png when the provider returned one (-ReturnLastFrame); null otherwise.</summary>
    public string? LastFramePath { get; init; }

    /// <summary>True when an existing file was kept rather than downloaded again.</summary>
    public bool Skipped { get; init; }

    public override string ToString() => Path;
}
