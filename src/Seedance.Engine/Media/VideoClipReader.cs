namespace Seedance.Media;

/// <summary>Reads an MP4 or MOV reference clip by its boxes (the same walk that checks downloads), without decoding it.</summary>
internal static class VideoClipReader
{
    /// <summary>The clip's structure, or null with <paramref name="problem"/> saying why it is not a whole MP4/MOV video.</summary>
    public static ClipStructure? Read(Stream stream, out string? problem)
    {
        stream.Position = 0;
        var info = Mp4Inspector.Inspect(stream);
        var video = info.Tracks.FirstOrDefault(track => track.IsVideo);
        problem = !info.IsValid ? string.Join("; ", info.Problems)
            : video is null ? "it has no video track"
            : info.DurationSeconds <= 0 ? "it states no duration"
            : null;
        if (problem is not null)
        {
            return null;
        }

        // QuickTime files name 'qt  ' as their major brand; everything else in an 'ftyp' box is MP4.
        var quickTime = MajorBrand(stream) == "qt  ";
        return new ClipStructure(quickTime ? "MOV" : "MP4", quickTime ? "video/quicktime" : "video/mp4", info.DurationSeconds, video!.Width, video.Height, video.FramesPerSecond);
    }

    private static string MajorBrand(Stream stream)
    {
        var header = new byte[12];
        stream.Position = 0;
        var read = 0;
        while (read < header.Length && stream.Read(header, read, header.Length - read) is var count and > 0)
        {
            read += count;
        }

        return read == header.Length ? System.Text.Encoding.ASCII.GetString(header, 8, 4) : string.Empty;
    }
}
