using System.Globalization;
using System.Net;

namespace Seedance.Http;

/// <summary>Timeouts, retries and proxy for one connection. The defaults suit a real provider over the internet.</summary>
public sealed class HttpSettings
{
    /// <summary>How long one attempt of one API call may take.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one API call may take with all its retries.</summary>
    public TimeSpan OverallTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>How long establishing a TCP/TLS connection may take.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Retries after the first attempt, for calls that are safe to retry.</summary>
    public int MaxRetries { get; set; } = 6;

    /// <summary>The first backoff delay; later ones grow exponentially, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest backoff delay between two attempts.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A Retry-After longer than this is not waited out: the call fails as rate limited instead.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long after a submit whose answer was lost the provider's task list keeps being read before "no task was
    /// created" is concluded: providers record a task seconds after it arrives, so one empty look proves nothing.
    /// </summary>
    public TimeSpan SubmitSettleWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The first pause between two readings of that list; later ones grow exponentially, with jitter.</summary>
    public TimeSpan SubmitSettleInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A download that makes no progress for this long is abandoned and resumed.</summary>
    public TimeSpan DownloadStallTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>An explicit proxy; null uses the system proxy (environment variables on Linux and macOS).</summary>
    public IWebProxy? Proxy { get; set; }

    /// <summary>False bypasses every proxy, including the system one.</summary>
    public bool UseProxy { get; set; } = true;

    public HttpSettings Clone() => (HttpSettings)MemberwiseClone();

    /// <summary>The environment variables that override the defaults (a cmdlet parameter overrides them in turn).</summary>
    public static readonly IReadOnlyDictionary<string, string> EnvironmentVariables = new Dictionary<string, string>
    {
        ["SEEDANCE_TIMEOUT_SEC"] = "seconds one HTTP attempt may take (default 30)",
        ["SEEDANCE_TOTAL_TIMEOUT_SEC"] = "seconds one call may take with its retries (default 180)",
        ["SEEDANCE_MAX_RETRIES"] = "retries of calls that are safe to repeat (default 6)",
        ["SEEDANCE_RETRY_DELAY_MS"] = "the first backoff delay in milliseconds (default 1000)",
        ["SEEDANCE_MAX_RETRY_AFTER_SEC"] = "the longest Retry-After waited out (default 120)",
        ["SEEDANCE_SUBMIT_SETTLE_SEC"] = "seconds the task list is read after a lost submit answer before \"no task was created\" is concluded (default 60)",
    };

    /// <summary>The defaults, with any of <see cref="EnvironmentVariables"/> that are set applied.</summary>
    public static HttpSettings FromEnvironment(Func<string, string?> environment)
    {
        var settings = new HttpSettings();
        Apply(environment, "SEEDANCE_TIMEOUT_SEC", value => settings.AttemptTimeout = TimeSpan.FromSeconds(value));
        Apply(environment, "SEEDANCE_TOTAL_TIMEOUT_SEC", value => settings.OverallTimeout = TimeSpan.FromSeconds(value));
        Apply(environment, "SEEDANCE_MAX_RETRIES", value => settings.MaxRetries = (int)value);
        Apply(environment, "SEEDANCE_RETRY_DELAY_MS", value => settings.RetryBaseDelay = TimeSpan.FromMilliseconds(value));
        Apply(environment, "SEEDANCE_MAX_RETRY_AFTER_SEC", value => settings.MaxRetryAfter = TimeSpan.FromSeconds(value));
        Apply(environment, "SEEDANCE_SUBMIT_SETTLE_SEC", value => settings.SubmitSettleWindow = TimeSpan.FromSeconds(value));
        return settings;
    }

    private static void Apply(Func<string, string?> environment, string name, Action<double> set)
    {
        var text = environment(name);
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0)
        {
            throw new SeedanceException(SeedanceErrorCategory.Validation, ErrorIds.EnvironmentSettingInvalid,
                $"The environment variable {name} is '{text}'; it must be a non-negative number ({EnvironmentVariables[name]}).");
        }

        set(value);
    }
}
