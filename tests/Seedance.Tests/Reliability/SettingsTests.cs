using Seedance.Connections;
using Seedance.Emulator.Faults;
using Seedance.Http;

namespace Seedance.Tests.Reliability;

public sealed class SettingsTests
{
    [Fact]
    public void Retry_and_timeout_settings_come_from_the_environment()
    {
        var environment = new Dictionary<string, string> { ["SEEDANCE_TIMEOUT_SEC"] = "12", ["SEEDANCE_MAX_RETRIES"] = "2", ["SEEDANCE_RETRY_DELAY_MS"] = "250", ["SEEDANCE_SUBMIT_SETTLE_SEC"] = "300" };

        var settings = HttpSettings.FromEnvironment(name => environment.TryGetValue(name, out var value) ? value : null);

        Assert.Equal(TimeSpan.FromSeconds(12), settings.AttemptTimeout);
        Assert.Equal(2, settings.MaxRetries);
        Assert.Equal(TimeSpan.FromMilliseconds(250), settings.RetryBaseDelay);
        Assert.Equal(TimeSpan.FromMinutes(5), settings.SubmitSettleWindow);
        Assert.Equal(new HttpSettings().OverallTimeout, settings.OverallTimeout);
    }

    [Fact]
    public void A_malformed_environment_setting_is_named_in_the_error()
    {
        var error = Assert.Throws<SeedanceException>(() => HttpSettings.FromEnvironment(name => name == "SEEDANCE_MAX_RETRIES" ? "many" : null));

        Assert.Equal("EnvironmentSettingInvalid", error.ErrorId);
        Assert.Contains("SEEDANCE_MAX_RETRIES", error.Message);
    }

    [Fact]
    public async Task A_retry_after_given_as_an_http_date_is_waited_out_and_retried()
    {
        using var harness = new EmulatorHarness(options => options.Faults.Add(new FaultRule { Endpoint = "status", Calls = { 1 }, Action = FaultAction.Status, StatusCode = 503, RetryAfterDateSeconds = 1 }));
        var connection = harness.Connect();

        var seeded = harness.SeedTask();

        var task = await connection.RefreshAsync(seeded, CancellationToken.None);

        Assert.Equal(2, harness.Server.Options.Faults.CallsTo("status"));
        Assert.Equal(seeded.Id, task.Id);
        Assert.NotNull(task.CheckedAt);
    }

    [Fact]
    public async Task Calls_go_through_an_explicit_proxy()
    {
        using var proxy = new LoopbackProxy();
        using var harness = new EmulatorHarness(options => options.Latency = TimeSpan.FromMilliseconds(50));
        var connection = harness.Connect(configure: options => options.Http.Proxy = new System.Net.WebProxy(proxy.Address));

        var task = await connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl()), CancellationToken.None);

        Assert.NotEmpty(proxy.RequestLines);
        Assert.StartsWith($"POST {harness.Server.BaseUriFor("WaveSpeed")}/api/v3/", proxy.RequestLines.First());
        Assert.NotNull(harness.Server.Tasks.Peek(task.Id));
    }

    [Fact]
    public void An_unknown_region_and_a_region_for_a_single_region_provider_are_refused()
    {
        using var harness = new EmulatorHarness();

        var error = Assert.Throws<SeedanceException>(() => harness.Connect(configure: options => options.Region = "Mars"));

        Assert.Equal("RegionNotSupported", error.ErrorId);
    }
}
