using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Seedance.Media;

/// <summary>
/// What a <c>name.mp4.partial</c> file holds the start of: the task (provider and id) and what the video server said
/// about the file (ETag, Last-Modified, total length). Kept in memory while the download runs, and recorded beside
/// the file in <c>name.mp4.partial.json</c> only when the download gives up and leaves the file behind.
/// </summary>
/// <remarks>
/// A partial file is resumed only for the task it belongs to, and with If-Range on the server's validator, so a
/// server whose file changed sends all of it instead of the rest. A partial file nothing vouches for (another
/// task's cut download under the same name, an older module's, a stray file) is started over: appending to it would
/// make a file that passes every check and is not this task's video.
/// </remarks>
internal sealed class PartialDownload
{
    public string Provider { get; set; } = string.Empty;

    public string TaskId { get; set; } = string.Empty;

    /// <summary>The server's strong ETag for the file, if it sent one.</summary>
    public string? ETag { get; set; }

    /// <summary>The server's Last-Modified date, if it sent one.</summary>
    public DateTimeOffset? LastModified { get; set; }

    /// <summary>The whole file's length, if the server said.</summary>
    public long? Length { get; set; }

    /// <summary>What the server will resume from: If-Range with its ETag, else its date; null when it gave neither.</summary>
    internal RangeConditionHeaderValue? ResumeCondition =>
        ETag is not null ? new RangeConditionHeaderValue(new EntityTagHeaderValue(ETag))
        : LastModified is { } date ? new RangeConditionHeaderValue(date)
        : null;

    /// <summary>The record of a download of <paramref name="task"/> that starts (or restarts) with <paramref name="response"/>.</summary>
    internal static PartialDownload Of(VideoTask task, HttpResponseMessage response) => new()
    {
        Provider = task.Provider,
        TaskId = task.Id,
        // If-Range takes a strong validator only: a weak ETag cannot promise the same bytes.
        ETag = response.Headers.ETag is { IsWeak: false } tag ? tag.Tag : null,
        LastModified = response.Content.Headers.LastModified,
        Length = response.StatusCode == System.Net.HttpStatusCode.PartialContent ? response.Content.Headers.ContentRange?.Length : response.Content.Headers.ContentLength,
    };

    /// <summary>
    /// The record of <paramref name="partialPath"/> when it holds the start of <paramref name="task"/>'s video;
    /// otherwise null, and whatever partial file is there is removed so the download starts over.
    /// </summary>
    internal static PartialDownload? Resumable(VideoTask task, string partialPath)
    {
        var record = Read(partialPath);
        if (File.Exists(partialPath) && record is not null && record.Provider == task.Provider && record.TaskId == task.Id)
        {
            return record;
        }

        if (File.Exists(partialPath))
        {
            Http.SeedanceLog.Verbose($"'{partialPath}' is not known to hold the start of task {task.Id}'s video{(record is null ? string.Empty : $" (it is task {record.TaskId}'s)")}; downloading it anew.");
        }

        Discard(partialPath);
        return null;
    }

    /// <summary>Writes this record beside <paramref name="partialPath"/>, when a download that did not finish leaves the file behind.</summary>
    internal void Save(string partialPath) =>
        File.WriteAllText(RecordPathOf(partialPath), JsonSerializer.Serialize(this, PartialDownloadJsonContext.Default.PartialDownload));

    /// <summary>Removes a partial file and its record (best effort: a partial file left behind is never taken for a video).</summary>
    internal static void Discard(string partialPath)
    {
        TryDelete(partialPath);
        Forget(partialPath);
    }

    /// <summary>Removes the record once its partial file has become the video (or is gone).</summary>
    internal static void Forget(string partialPath) => TryDelete(RecordPathOf(partialPath));

    private static PartialDownload? Read(string partialPath)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(RecordPathOf(partialPath)), PartialDownloadJsonContext.Default.PartialDownload);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            // Missing, unreadable or cut short: it vouches for nothing.
            return null;
        }
    }

    private static string RecordPathOf(string partialPath) => partialPath + ".json";

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort, as above.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}

/// <summary>Source-generated serialisation of a partial file's record: no reflection, stable field names.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PartialDownload))]
internal sealed partial class PartialDownloadJsonContext : JsonSerializerContext
{
}
