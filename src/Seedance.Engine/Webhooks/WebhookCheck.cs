using System.Globalization;

namespace Seedance.Webhooks;

/// <summary>What a signature is checked with: the secret, and how old a delivery may be.</summary>
public sealed class WebhookCheck
{
    /// <summary>The providers' own figure (WaveSpeed, fal, Standard Webhooks): five minutes either way.</summary>
    public static readonly TimeSpan DefaultMaxAge = TimeSpan.FromMinutes(5);

    /// <param name="provider">The provider's name, for messages.</param>
    public WebhookCheck(string provider) => Provider = provider;

    public string Provider { get; }

    /// <summary>The signing secret (<c>whsec_…</c>), for schemes that share one with the receiver; never shown.</summary>
    public string? Secret { get; init; }

    public TimeSpan MaxAge { get; init; } = DefaultMaxAge;

    public DateTimeOffset Now { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>
    /// Refuses a delivery whose timestamp (Unix seconds, in <paramref name="header"/>) is further than
    /// <see cref="MaxAge"/> from now, either way: a replayed old delivery, or a clock far off.
    /// </summary>
    public void RequireFresh(WebhookMessage message, string header)
    {
        var text = message.Header(header) ?? throw WebhookErrors.MissingHeader(Provider, header);
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            throw WebhookErrors.Invalid(ErrorIds.WebhookTimestampInvalid, Provider,
                $"The {Provider} webhook's {header} header '{Shorten(text)}' is not a time in Unix seconds, so its age cannot be checked.");
        }

        var sent = DateTimeOffset.FromUnixTimeSeconds(seconds);
        var age = Now - sent;
        if (age.Duration() > MaxAge)
        {
            var when = age > TimeSpan.Zero ? $"{FormatAge(age)} ago" : $"{FormatAge(age.Duration())} in the future";
            throw WebhookErrors.Invalid(ErrorIds.WebhookTimestampStale, Provider,
                $"The {Provider} webhook was signed {when} ({sent:u}); at most {FormatAge(MaxAge)} either way is accepted, so an old delivery cannot be replayed. If it is genuine, check this machine's clock, or raise -MaxAgeSec.");
        }
    }

    private static string FormatAge(TimeSpan age) =>
        age.TotalSeconds < 120 ? $"{age.TotalSeconds:N0} s" : age.TotalHours < 2 ? $"{age.TotalMinutes:N0} min" : $"{age.TotalHours:N1} h";

    private static string Shorten(string text) => text.Length > 40 ? text.Substring(0, 40) + "..." : text;
}
