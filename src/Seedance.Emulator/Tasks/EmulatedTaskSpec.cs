namespace Seedance.Emulator.Tasks;

/// <summary>What a twin understood from a submit, in provider-neutral terms.</summary>
public sealed class EmulatedTaskSpec
{
    public string Provider { get; set; } = string.Empty;

    public string Model { get; set; } = string.Empty;

    public string Prompt { get; set; } = string.Empty;

    public int ImageCount { get; set; }

    public int DurationSeconds { get; set; } = 5;

    public string Resolution { get; set; } = "720p";

    public string? AspectRatio { get; set; }

    public bool Audio { get; set; } = true;

    public string? WebhookUrl { get; set; }

    /// <summary>The raw submit body, for tests that check what arrived.</summary>
    public string RawBody { get; set; } = string.Empty;
}
