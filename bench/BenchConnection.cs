using System;
using System.IO;
using Seedance.Connections;
using Seedance.Journal;

namespace Seedance.Bench;

/// <summary>An engine session with one connection to the emulator (WaveSpeed unless told), journalling into the run's folder.</summary>
internal sealed class BenchConnection : IDisposable
{
    private readonly SeedanceSession _session;

    public BenchConnection(EmulatorProcess emulator, string folder, Action<ConnectionOptions>? configure = null, string provider = "WaveSpeed", bool anotherClient = false)
    {
        _session = new SeedanceSession(new TaskJournal(Path.Combine(folder, anotherClient ? "another-client-journal.jsonl" : "journal.jsonl")), _ => null);
        var options = new ConnectionOptions(provider)
        {
            // Another program on the same account reaches the same twin through the emulator's another-client route,
            // outside the fault plan: its tasks are real tasks at the provider that this run's session never heard of.
            BaseUri = anotherClient
                ? new Uri(emulator.Root, "_emulator/another-client/" + emulator.BaseUris[provider].AbsolutePath.Trim('/'))
                : emulator.BaseUris[provider],
            ApiKey = ApiKeySecret.FromPlainText(EmulatorProcess.Key, "the benchmark"),
        };
        configure?.Invoke(options);
        Connection = _session.Connect(options);
    }

    public SeedanceConnection Connection { get; }

    /// <summary>An image-to-video request with a URL image, so no upload is involved.</summary>
    public static VideoRequest Request(string prompt, int index)
    {
        var request = new VideoRequest { Prompt = prompt, DurationSeconds = 5 };
        request.Images.Add(ImageInput.FromUri(new Uri($"https://images.example.com/shot{index}.jpg")));
        return request;
    }

    public void Dispose() => _session.Dispose();
}
