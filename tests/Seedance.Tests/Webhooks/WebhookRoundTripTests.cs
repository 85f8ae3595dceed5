using System.Collections.Specialized;
using Seedance.Emulator.Server;
using Seedance.Webhooks;

namespace Seedance.Tests.Webhooks;

/// <summary>
/// Each provider's webhook from its twin to a loopback receiver, then through the module's check: a genuine one
/// becomes the task it reports; a changed body, the wrong secret, an old timestamp or a missing signature is refused
/// with its own error. Unsigned callbacks (Ark) are believed only as far as the provider confirms them.
/// </summary>
public sealed class WebhookRoundTripTests : IDisposable
{
    private const string Secret = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
    private const string OtherSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private readonly EmulatorHarness _harness = new(options => options.WebhookSecret = Secret);

    public static TheoryData<string> SignedProviders => new() { "WaveSpeed", "Replicate", "fal" };

    [Theory]
    [MemberData(nameof(SignedProviders))]
    public async Task A_delivered_webhook_is_verified_and_read_as_the_task_it_reports(string provider)
    {
        var (task, webhook) = await DeliverAsync(provider);

        var reported = await VerifyAsync(provider, webhook);

        Assert.Equal(task.Id, reported.Id);
        Assert.Equal(provider, reported.Provider);
        Assert.Equal(TaskState.Succeeded, reported.Lifecycle);
        Assert.NotNull(reported.VideoUrl);
        // What the journal knows of a task this session submitted comes back with it.
        Assert.Equal("slow orbital pan", reported.Prompt);
        Assert.Equal(task.Model, reported.Model);
    }

    [Theory]
    [MemberData(nameof(SignedProviders))]
    public async Task A_failed_generation_s_webhook_reports_the_failure(string provider)
    {
        var (task, webhook) = await DeliverAsync(provider, "a cat #fail");

        var reported = await VerifyAsync(provider, webhook);

        Assert.Equal(task.Id, reported.Id);
        Assert.Equal(TaskState.Failed, reported.Lifecycle);
        Assert.Equal(SeedanceErrorCategory.Server, reported.FailureKind);
    }

    [Theory]
    [MemberData(nameof(SignedProviders))]
    public async Task A_changed_body_is_refused(string provider)
    {
        var (_, webhook) = await DeliverAsync(provider);
        var tampered = webhook with { Body = webhook.Body.Replace(".mp4", ".mp5") };
        Assert.NotEqual(webhook.Body, tampered.Body);

        var error = await Assert.ThrowsAsync<SeedanceException>(() => VerifyAsync(provider, tampered));

        Assert.Equal(ErrorIds.WebhookSignatureInvalid, error.ErrorId);
        Assert.Contains("does not match its body", error.Message);
    }

    [Theory]
    [MemberData(nameof(SignedProviders))]
    public async Task A_timestamp_older_than_the_allowed_age_is_refused(string provider)
    {
        var (_, webhook) = await DeliverAsync(provider);

        var error = await Assert.ThrowsAsync<SeedanceException>(() => VerifyAsync(provider, webhook, now: DateTimeOffset.UtcNow.AddMinutes(6)));

        Assert.Equal(ErrorIds.WebhookTimestampStale, error.ErrorId);
        Assert.Contains("ago", error.Message);
        Assert.Contains("-MaxAgeSec", error.Message);
    }

    [Theory]
    [InlineData("WaveSpeed")]
    [InlineData("Replicate")]
    public async Task The_wrong_secret_is_refused(string provider)
    {
        var (_, webhook) = await DeliverAsync(provider);

        var error = await Assert.ThrowsAsync<SeedanceException>(() => VerifyAsync(provider, webhook, OtherSecret));

        Assert.Equal(ErrorIds.WebhookSignatureInvalid, error.ErrorId);
        Assert.Contains("-Secret is not the secret", error.Message);
    }

    [Theory]
    [InlineData("WaveSpeed")]
    [InlineData("Replicate")]
    public async Task No_secret_is_a_clear_error_before_any_check(string provider)
    {
        var (_, webhook) = await DeliverAsync(provider);

        var error = await Assert.ThrowsAsync<SeedanceException>(() => VerifyAsync(provider, webhook, secret: null));

        Assert.Equal(ErrorIds.WebhookSecretRequired, error.ErrorId);
        Assert.Equal("Secret", error.ParameterName);
    }

    [Fact]
    public async Task A_fal_webhook_signed_by_another_key_is_refused()
    {
        var (_, webhook) = await DeliverAsync("fal");

        // Another emulator has another key pair: its key set does not accept this emulator's signature.
        using var other = new EmulatorHarness();
        var connection = other.Connect("fal");
        var error = await Assert.ThrowsAsync<SeedanceException>(() => WebhookVerifier.VerifyAsync(Seedance.Providers.ProviderCatalog.Get("fal"),
            Message(webhook), new WebhookCheck("fal"), other.Journal, _ => connection, CancellationToken.None));

        Assert.Equal(ErrorIds.WebhookSignatureInvalid, error.ErrorId);
        Assert.Contains("no key of fal's key set", error.Message);
    }

    [Theory]
    [MemberData(nameof(SignedProviders))]
    public async Task A_request_without_the_signature_headers_is_refused(string provider)
    {
        var (_, webhook) = await DeliverAsync(provider);
        var headers = new NameValueCollection(webhook.Headers);
        headers.Remove(provider == "fal" ? "X-Fal-Webhook-Signature" : "webhook-signature");

        var error = await Assert.ThrowsAsync<SeedanceException>(() => VerifyAsync(provider, webhook with { Headers = headers }));

        Assert.Equal(ErrorIds.WebhookSignatureMissing, error.ErrorId);
    }

    [Fact]
    public async Task An_ark_callback_is_confirmed_by_asking_for_the_task()
    {
        using var receiver = new WebhookReceiver();
        var connection = _harness.Connect("Ark");
        var request = Support.Requests.FromUrl();
        request.WebhookUrl = receiver.Url;
        var task = await connection.SubmitAsync(connection.Prepare(request), CancellationToken.None);

        var first = await receiver.NextAsync(TimeSpan.FromSeconds(20));
        var final = await receiver.NextAsync(TimeSpan.FromSeconds(20));

        Assert.DoesNotContain("\"succeeded\"", first.Body);
        var reported = await VerifyAsync("Ark", final, secret: null);
        Assert.Equal(task.Id, reported.Id);
        Assert.Equal(TaskState.Succeeded, reported.Lifecycle);
        Assert.Contains(_harness.Server.RequestsTo("Ark"), recorded => recorded.Method == "GET" && recorded.Path.EndsWith("/tasks/" + task.Id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_forged_ark_callback_gets_the_provider_s_word_not_its_own()
    {
        var connection = _harness.Connect("Ark");
        var request = Support.Requests.FromUrl(prompt: "slow pan #stuck");
        var task = await connection.SubmitAsync(connection.Prepare(request), CancellationToken.None);
        var forged = new ReceivedWebhook(new NameValueCollection(), $"{{\"id\":\"{task.Id}\",\"status\":\"succeeded\",\"content\":{{\"video_url\":\"https://evil.example.com/x.mp4\"}}}}");

        var reported = await VerifyAsync("Ark", forged, secret: null);

        Assert.NotEqual(TaskState.Succeeded, reported.Lifecycle);
        Assert.Null(reported.VideoUrl);
    }

    [Fact]
    public async Task A_body_that_is_not_json_or_names_no_task_is_refused()
    {
        var notJson = await Assert.ThrowsAsync<SeedanceException>(() => VerifyAsync("Replicate", new ReceivedWebhook(new NameValueCollection(), "id=1&status=succeeded")));
        var noTask = await Assert.ThrowsAsync<SeedanceException>(() => VerifyAsync("Replicate", new ReceivedWebhook(new NameValueCollection(), "{\"status\":\"succeeded\"}")));

        Assert.Equal(ErrorIds.WebhookBodyInvalid, notJson.ErrorId);
        Assert.Contains("RawBody", notJson.Message);
        Assert.Equal(ErrorIds.WebhookBodyInvalid, noTask.ErrorId);
    }

    [Fact]
    public async Task A_provider_without_webhooks_says_so()
    {
        var error = await Assert.ThrowsAsync<SeedanceException>(() => VerifyAsync("AIMLAPI", new ReceivedWebhook(new NameValueCollection(), "{}")));

        Assert.Equal(ErrorIds.WebhookNotOffered, error.ErrorId);
    }

    [Fact]
    public void The_emulator_refuses_a_webhook_secret_no_provider_would_issue()
    {
        var error = Assert.Throws<ArgumentException>(() => EmulatorServer.Start(new Seedance.Emulator.EmulatorOptions { WebhookSecret = "hunter2" }));

        Assert.Contains("whsec_", error.Message);
    }

    private async Task<(VideoTask Task, ReceivedWebhook Webhook)> DeliverAsync(string provider, string prompt = "slow orbital pan")
    {
        using var receiver = new WebhookReceiver();
        var connection = _harness.Connect(provider);
        var request = Support.Requests.FromUrl(prompt: prompt);
        request.WebhookUrl = receiver.Url;
        var task = await connection.SubmitAsync(connection.Prepare(request), CancellationToken.None);
        return (task, await receiver.NextAsync(TimeSpan.FromSeconds(20)));
    }

    private Task<VideoTask> VerifyAsync(string provider, ReceivedWebhook webhook, string? secret = Secret, DateTimeOffset? now = null) =>
        WebhookVerifier.VerifyAsync(Seedance.Providers.ProviderCatalog.Get(provider), Message(webhook),
            new WebhookCheck(provider) { Secret = secret, Now = now ?? DateTimeOffset.UtcNow },
            _harness.Journal, _ => _harness.Session.FindOrConnect(null, provider), CancellationToken.None);

    private static WebhookMessage Message(ReceivedWebhook webhook) =>
        new(webhook.Body, webhook.Headers.AllKeys.Select(name => new KeyValuePair<string, string>(name!, webhook.Headers[name]!)));

    public void Dispose() => _harness.Dispose();
}
