using System.Text.Json;
using Seedance.Emulator.Faults;
using Seedance.Http;

namespace Seedance.Tests.Reliability;

/// <summary>
/// A provider that echoes the caller's key back (in an error inside a 200 answer, an error title, a task's failure
/// text) never gets it to the user: not into an exception, a task, a warning, the verbose stream or the journal.
/// The emulator echoes the credential each request really carried ({{credential}} in a fault body).
/// </summary>
public sealed class KeyEchoTests
{
    private const string Key = "sk-echo-7f3a9c1e5b2d4f60a8e1";

    [Theory]
    [InlineData("WaveSpeed")]
    [InlineData("AtlasCloud")]
    public async Task An_error_inside_a_200_answer_that_quotes_the_key_is_scrubbed(string provider)
    {
        using var harness = Echoing("status", 200, "{\"code\":401,\"message\":\"Invalid API key {{credential}} for this request\",\"data\":null}");
        var connection = harness.Connect(provider, key: Key);
        var verbose = new List<string>();

        SeedanceException error;
        using (SeedanceLog.Capture(verbose.Add))
        {
            error = await Assert.ThrowsAsync<SeedanceException>(() => connection.RefreshAsync(new VideoTask("task-1", provider, "m"), CancellationToken.None));
        }

        Assert.Contains("Invalid API key *** for this request", error.Message);
        AssertNowhere(verbose, error.ToString(), error.ProviderCode);
    }

    [Fact]
    public async Task A_replicate_error_title_that_quotes_the_key_is_scrubbed_from_the_provider_code()
    {
        using var harness = Echoing("submit", 401, "{\"title\":\"Invalid token {{credential}}\",\"detail\":\"You did not pass a valid authentication token\",\"status\":401}");
        var connection = harness.Connect("Replicate", key: Key);

        var error = await Assert.ThrowsAsync<SeedanceException>(() => connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl()), CancellationToken.None));

        Assert.Equal(SeedanceErrorCategory.Authentication, error.Category);
        Assert.Equal("Invalid token ***", error.ProviderCode);
        AssertNowhere(Array.Empty<string>(), error.ToString(), error.ProviderCode);
    }

    [Fact]
    public async Task A_failure_text_that_quotes_the_key_reaches_neither_the_task_nor_the_journal()
    {
        using var harness = Echoing("status", 200, "{\"id\":\"gen-1\",\"status\":\"error\",\"error\":{\"name\":\"Forbidden\",\"message\":\"Key {{credential}} may not use this model\"}}");
        var connection = harness.Connect("AIMLAPI", key: Key);
        var verbose = new List<string>();

        VideoTask final;
        using (SeedanceLog.Capture(verbose.Add))
        {
            var task = await connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl()), CancellationToken.None);
            final = await connection.WaitAsync(task, TimeSpan.FromSeconds(30), CancellationToken.None);
        }

        Assert.Equal(TaskState.Failed, final.Lifecycle);
        Assert.Equal("Key *** may not use this model", final.Error);
        AssertNowhere(verbose, JsonSerializer.Serialize(final), JsonSerializer.Serialize(harness.Journal.ReadAll()));
    }

    [Fact]
    public async Task A_key_echoed_with_json_escapes_is_scrubbed_too()
    {
        // System.Text.Json, like many servers' encoders, writes '+' as \u002B: the raw body does not hold the key as typed.
        const string key = "sk+echo/7f3a9c1e";
        using var harness = Echoing("status", 200, "{\"code\":401,\"message\":\"Invalid API key sk\\u002Becho\\/7f3a9c1e\",\"data\":null}", key);
        var connection = harness.Connect("WaveSpeed", key: key);

        var error = await Assert.ThrowsAsync<SeedanceException>(() => connection.RefreshAsync(new VideoTask("task-1", "WaveSpeed", "m"), CancellationToken.None));

        Assert.Contains("Invalid API key ***", error.Message);
        Assert.DoesNotContain(key, error.ToString());
    }

    private static EmulatorHarness Echoing(string endpoint, int status, string body, string key = Key) => new(options =>
    {
        options.ApiKey = key;
        options.Latency = TimeSpan.FromMilliseconds(50);
        options.Faults.Add(new FaultRule { Endpoint = endpoint, Action = FaultAction.Status, StatusCode = status, Body = body });
    });

    private static void AssertNowhere(IEnumerable<string> verbose, params string?[] texts)
    {
        Assert.All(verbose, line => Assert.DoesNotContain(Key, line));
        Assert.All(texts, text => Assert.DoesNotContain(Key, text ?? string.Empty));
    }
}
