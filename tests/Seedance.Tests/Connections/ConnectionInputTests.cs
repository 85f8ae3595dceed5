using System.Security;
using Seedance.Connections;

namespace Seedance.Tests.Connections;

/// <summary>
/// A base URI or an API key that could only fail later, or leak, is refused when the connection is made, with its
/// own error id, naming the parameter, and without repeating the secret.
/// </summary>
public sealed class ConnectionInputTests : IDisposable
{
    private readonly EmulatorHarness _harness = new();

    [Theory]
    [InlineData("https://gateway.example.com/api/../v3", "BaseUriHasDotSegments", "'..'")]
    [InlineData("https://gateway.example.com/api/%2E%2e/v3", "BaseUriHasDotSegments", "'..'")]
    [InlineData("https://gateway.example.com/v3?token=s3cr3t", "BaseUriHasQuery", "query")]
    [InlineData("https://gateway.example.com/v3?", "BaseUriHasQuery", "query")]
    [InlineData("https://gateway.example.com/v3#s3cr3t", "BaseUriHasFragment", "fragment")]
    [InlineData("https://user:s3cr3t@gateway.example.com/v3", "BaseUriHasCredentials", "user name or password")]
    [InlineData("http://user:s3cr3t@127.0.0.1:9/v3", "BaseUriHasCredentials", "user name or password")]
    public void A_base_uri_that_would_be_changed_or_leak_is_refused(string baseUri, string errorId, string says)
    {
        var error = Assert.Throws<SeedanceException>(() => _harness.Connect(configure: options => options.BaseUri = new Uri(baseUri)));

        Assert.Equal((errorId, "BaseUri", SeedanceErrorCategory.Validation), (error.ErrorId, error.ParameterName, error.Category));
        Assert.StartsWith("-BaseUri '", error.Message);
        Assert.Contains(says, error.Message);
        Assert.DoesNotContain("s3cr3t", error.Message);
        Assert.Empty(_harness.Session.Connections);
    }

    [Theory]
    [InlineData("https://gateway.example.com/v3/")]
    [InlineData("https://gateway.example.com/a.b/..c/v3")]
    public void A_plain_base_uri_is_taken_as_it_is(string baseUri)
    {
        var connection = _harness.Connect(configure: options => options.BaseUri = new Uri(baseUri));

        Assert.Equal(new Uri(baseUri), connection.BaseUri);
    }

    [Theory]
    [InlineData("sk-live key", "ApiKeyHasWhitespace", "a space")]
    [InlineData("sk-live\nkey", "ApiKeyHasWhitespace", "a line break")]
    [InlineData("sk-live\tkey", "ApiKeyHasWhitespace", "a tab")]
    [InlineData("sk-live\u00A0key", "ApiKeyHasWhitespace", "a space")]
    [InlineData("sk-live\u201Dkey", "ApiKeyNotAscii", "U+201D")]
    [InlineData("sk-cl\u00E9", "ApiKeyNotAscii", "U+00E9")]
    [InlineData("sk-live\u0000key", "ApiKeyNotAscii", "U+0000")]
    public void A_key_no_http_header_can_carry_is_refused_from_the_parameter(string key, string errorId, string says)
    {
        var error = Assert.Throws<SeedanceException>(() => ApiKeySecret.FromPlainText(key, "-ApiKey"));

        Assert.Equal((errorId, "ApiKey", SeedanceErrorCategory.Validation), (error.ErrorId, error.ParameterName, error.Category));
        Assert.StartsWith("The API key from -ApiKey ", error.Message);
        Assert.Contains(says, error.Message);
        Assert.DoesNotContain("sk-", error.Message);
    }

    [Fact]
    public void A_key_with_a_line_break_in_an_environment_variable_is_refused_before_any_request()
    {
        _harness.SetEnvironment("WAVESPEED_API_KEY", "sk-live\r\nkey");

        var error = Assert.Throws<SeedanceException>(() => _harness.Session.Connect(new ConnectionOptions("WaveSpeed") { BaseUri = _harness.Server.BaseUriFor("WaveSpeed") }));

        Assert.Equal("ApiKeyHasWhitespace", error.ErrorId);
        Assert.Contains("environment variable WAVESPEED_API_KEY", error.Message);
        Assert.DoesNotContain("sk-", error.Message);
        Assert.Equal(0, _harness.ApiRequests());
    }

    [Fact]
    public void An_implicit_connection_from_a_malformed_environment_key_is_refused_the_same_way()
    {
        _harness.SetEnvironment("FAL_KEY", "fal-key-\u00E9");

        var error = Assert.Throws<SeedanceException>(() => _harness.Session.FindOrConnect(null, null));

        Assert.Equal("ApiKeyNotAscii", error.ErrorId);
        Assert.Contains("environment variable FAL_KEY", error.Message);
    }

    [Fact]
    public void An_empty_key_is_a_clear_error_not_an_argument_exception()
    {
        var error = Assert.Throws<SeedanceException>(() => ApiKeySecret.FromSecureString(new SecureString(), "-ApiKey"));

        Assert.Equal(("ApiKeyEmpty", "ApiKey"), (error.ErrorId, error.ParameterName));
    }

    [Fact]
    public async Task Spaces_and_a_line_break_around_a_key_are_trimmed_and_the_key_works()
    {
        var connection = _harness.Connect(key: "  " + EmulatorHarness.Key + "\r\n");

        var task = await connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl()), CancellationToken.None);

        Assert.Equal(1, _harness.Submits());
        Assert.NotNull(_harness.Server.Tasks.Peek(task.Id));
    }

    public void Dispose() => _harness.Dispose();
}
