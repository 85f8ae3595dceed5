using System.Net;
using Microsoft.Extensions.Time.Testing;
using Seedance.Emulator.Server;
using Seedance.Emulator.Recording;

namespace Seedance.Tests.Webhooks;

/// <summary>
/// The emulator's webhook deliveries retry on their provider's schedule, through Polly, on a clock the test moves:
/// a failed attempt is tried again only when its wait has passed, the waits double, and the tries stop at the count.
/// </summary>
public sealed class WebhookDeliveryTests
{
    private static readonly IReadOnlyDictionary<string, string> NoHeaders = new Dictionary<string, string>();

    [Fact]
    public async Task A_refused_delivery_is_tried_again_after_each_doubling_wait_until_one_succeeds()
    {
        using var receiver = new WebhookReceiver();
        var clock = new WaitRecordingClock(attemptTimeout: TimeSpan.FromMinutes(1));
        using var sender = new WebhookSender(new EmulatorRecorder(100), clock);

        var delivery = sender.DeliverAsync(receiver.Url, "{}", NoHeaders, new WebhookDelivery(TimeSpan.FromMinutes(1), 3, TimeSpan.FromSeconds(10)));
        await receiver.NextAsync(TimeSpan.FromSeconds(20), answer: 500);
        Assert.Equal(TimeSpan.FromSeconds(10), clock.NextWait());
        var second = receiver.NextAsync(TimeSpan.FromSeconds(20), answer: 503);
        clock.Advance(TimeSpan.FromSeconds(10));
        await second;

        Assert.Equal(TimeSpan.FromSeconds(20), clock.NextWait());
        var third = receiver.NextAsync(TimeSpan.FromSeconds(20));
        clock.Advance(TimeSpan.FromSeconds(20));
        await third;
        Assert.Equal(HttpStatusCode.OK, await delivery);
    }

    [Fact]
    public async Task Ark_s_final_callback_is_sent_four_times_at_most()
    {
        using var receiver = new WebhookReceiver();
        using var sender = new WebhookSender(new EmulatorRecorder(100), new FakeTimeProvider());

        var delivery = sender.DeliverAsync(receiver.Url, "{}", NoHeaders, Seedance.Emulator.Twins.ArkTwin.FinalCallbackDelivery);
        for (var attempt = 0; attempt < 4; attempt++)
        {
            await receiver.NextAsync(TimeSpan.FromSeconds(20), answer: 500);
        }

        Assert.Equal(HttpStatusCode.InternalServerError, await delivery);
    }

    [Fact]
    public async Task An_intermediate_state_is_sent_once()
    {
        using var receiver = new WebhookReceiver();
        using var sender = new WebhookSender(new EmulatorRecorder(100), new FakeTimeProvider());

        var delivery = sender.DeliverAsync(receiver.Url, "{}", NoHeaders, WebhookDelivery.Once(TimeSpan.FromSeconds(5)));
        await receiver.NextAsync(TimeSpan.FromSeconds(20), answer: 500);

        Assert.Equal(HttpStatusCode.InternalServerError, await delivery);
    }

    [Fact]
    public void The_twins_retry_as_their_providers_document()
    {
        // fal: 15 s per attempt, 10 retries "in the span of 2 hours".
        var fal = Seedance.Emulator.Twins.FalTwin.WebhookDelivery;
        Assert.Equal((15, 10), ((int)fal.AttemptTimeout.TotalSeconds, fal.Retries));
        Assert.InRange(TotalWait(fal).TotalHours, 1.9, 2.1);

        // Replicate: the final retry about a minute after completion.
        Assert.InRange(TotalWait(Seedance.Emulator.Twins.ReplicateTwin.TerminalWebhookDelivery).TotalSeconds, 50, 70);

        // Ark: 5 s for an acknowledgement, three retries.
        var ark = Seedance.Emulator.Twins.ArkTwin.FinalCallbackDelivery;
        Assert.Equal((5, 3), ((int)ark.AttemptTimeout.TotalSeconds, ark.Retries));

        // Atlas Cloud: retried for about 30 minutes.
        Assert.InRange(TotalWait(Seedance.Emulator.Twins.AtlasCloudTwin.WebhookDelivery).TotalMinutes, 25, 35);
    }

    private static TimeSpan TotalWait(WebhookDelivery delivery) =>
        TimeSpan.FromTicks(Enumerable.Range(0, delivery.Retries).Sum(retry => delivery.FirstDelay.Ticks << retry));

    /// <summary>A clock the test moves, which also tells the test each wait a retry asks for (not the attempts' own deadlines).</summary>
    private sealed class WaitRecordingClock : FakeTimeProvider
    {
        private readonly TimeSpan _attemptTimeout;
        private readonly System.Collections.Concurrent.BlockingCollection<TimeSpan> _waits = new();

        public WaitRecordingClock(TimeSpan attemptTimeout) => _attemptTimeout = attemptTimeout;

        /// <summary>The next retry wait asked for, once the retry has set it (so moving the clock then cannot come too early).</summary>
        public TimeSpan NextWait() => _waits.TryTake(out var wait, TimeSpan.FromSeconds(20)) ? wait : throw new TimeoutException("No retry wait was set within 20 s.");

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            if (dueTime != _attemptTimeout && dueTime != Timeout.InfiniteTimeSpan)
            {
                _waits.Add(dueTime);
            }

            return timer;
        }
    }
}
