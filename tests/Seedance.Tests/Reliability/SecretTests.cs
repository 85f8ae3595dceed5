using System.Text.Json;
using Seedance.Emulator.Faults;
using Seedance.Http;

namespace Seedance.Tests.Reliability;

/// <summary>The key never appears anywhere a user or a log could see it.</summary>
public sealed class SecretTests
{
    private const string Key = "sk-live-0f1e2d3c4b5a69788796a5b4c3d2e1f0";

    [Fact]
    public async Task The_key_appears_in_no_output_message_file_or_object()
    {
        // The emulator is told to echo the key in an error body, as some providers do with a bad key.
        using var harness = new EmulatorHarness(options =>
        {
            options.ApiKey = Key;
            options.Latency = TimeSpan.FromMilliseconds(50);
            options.Faults.Add(new FaultRule { Endpoint = "status", Calls = { 1 }, Action = FaultAction.Status, StatusCode = 400, Body = $"{{\"code\":400,\"message\":\"bad request for key {Key}\"}}" });
        });
        var verbose = new List<string>();
        var connection = harness.Connect(key: Key);
        SeedanceException? echoed;
        VideoTask task;
        VideoFile file;
        using (SeedanceLog.Capture(verbose.Add))
        {
            task = await connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl()), CancellationToken.None);
            echoed = await Assert.ThrowsAsync<SeedanceException>(() => connection.RefreshAsync(task, CancellationToken.None));
            task = await connection.WaitAsync(task, TimeSpan.FromSeconds(30), CancellationToken.None);
            file = await connection.SaveAsync(task, harness.Folder.File("v.mp4"), false, null, CancellationToken.None);
        }

        Assert.Contains("***", echoed.Message);
        var everything = new List<string>(verbose)
        {
            echoed.ToString(),
            task.ToString(),
            JsonSerializer.Serialize(task),
            JsonSerializer.Serialize(file),
            connection.ToString(),
            connection.KeySource,
            File.ReadAllText(harness.Journal.Path),
        };
        Assert.Contains(verbose, line => line.Contains("Authorization: Bearer ***"));
        Assert.All(everything, text => Assert.DoesNotContain(Key, text));
    }

    [Fact]
    public void A_secret_formats_as_a_mask()
    {
        var secret = Seedance.Connections.ApiKeySecret.FromPlainText(Key, "test");

        Assert.Equal("********", secret.ToString());
        Assert.Equal("********", $"{secret}");
        Assert.DoesNotContain(Key, JsonSerializer.Serialize(secret));
    }
}
