namespace Seedance.Emulator.Media;

/// <summary>
/// Writes real, decodable MP4 files (H.264 Constrained Baseline, optionally with AAC) without an encoder: each shot
/// opens on a key frame of raw samples, and the frames after it move that picture by motion vectors alone.
/// </summary>
public static class SyntheticVideo
{
    /// <summary>Plans the video once, for a length and one or more writes.</summary>
    public static SyntheticVideoFile Prepare(SyntheticVideoSpec spec) => new(spec);

    /// <summary>Streams the file to <paramref name="output"/>, which need not be seekable.</summary>
    public static void WriteMp4(Stream output, SyntheticVideoSpec spec) => Prepare(spec).WriteTo(output);

    /// <summary>The exact number of bytes <see cref="WriteMp4"/> writes for <paramref name="spec"/>, e.g. for Content-Length.</summary>
    public static long ComputeLength(SyntheticVideoSpec spec) => Prepare(spec).Length;
}
