using Seedance.Connections;

namespace Seedance.Tests.Connections;

/// <summary>
/// Which connection a lookup picks: looking one up never changes the default, a connection made from environment
/// variables never replaces one the user made, and a journalled task is followed where it was submitted. None of
/// these tests sends a request anywhere but the emulator: they look at the connection chosen, not at its traffic.
/// </summary>
public sealed class SessionResolutionTests
{
    [Fact]
    public void Looking_a_connection_up_never_connects()
    {
        using var harness = new EmulatorHarness();
        harness.SetEnvironment("FAL_KEY", "fal-key-from-the-environment");
        var journalled = new VideoTask("fal-task-id", "fal", string.Empty) { BaseUri = harness.Server.BaseUriFor("fal") };

        Assert.Null(harness.Session.Find(null, null));
        Assert.Null(harness.Session.Find(null, "fal"));
        Assert.Null(harness.Session.FindFor(journalled));
        Assert.Null(harness.Session.FindFor(journalled with { BaseUri = null }));
        Assert.Empty(harness.Session.Connections);
        Assert.Null(harness.Session.Default);
    }

    [Fact]
    public void Looking_a_connection_up_leaves_the_default_alone()
    {
        using var harness = new EmulatorHarness();
        var other = harness.Connect("fal", configure: options => options.Name = "other");
        var rehearsal = harness.Connect("WaveSpeed");

        Assert.Same(other, harness.Session.Find("other", null));
        Assert.Same(other, harness.Session.Find(null, "fal"));
        Assert.Same(other, harness.Session.FindFor(new VideoTask("fal-task-id", "fal", string.Empty) { Connection = "other" }));

        Assert.Same(rehearsal, harness.Session.Default);
        Assert.Equal(2, harness.Session.Connections.Count);
    }

    [Fact]
    public void Disconnecting_the_default_makes_the_newest_of_the_rest_the_default()
    {
        using var harness = new EmulatorHarness();
        harness.Connect("WaveSpeed", configure: options => options.Name = "first");
        var second = harness.Connect("fal", configure: options => options.Name = "second");
        harness.Connect("WaveSpeed", configure: options => options.Name = "third");

        var removed = harness.Session.Disconnect("third");

        Assert.NotNull(removed);
        Assert.True(removed!.IsDefault);
        Assert.Same(second, harness.Session.Default);
        Assert.Null(harness.Session.Disconnect("third"));
    }

    [Fact]
    public void Connecting_under_a_name_in_use_says_what_it_replaced()
    {
        using var harness = new EmulatorHarness();
        var first = harness.Connect("WaveSpeed", configure: options => options.Name = "work");

        harness.Session.Connect(new ConnectionOptions("fal") { Name = "work", BaseUri = harness.Server.BaseUriFor("fal"), ApiKey = ApiKeySecret.FromPlainText(EmulatorHarness.Key, "test") }, out var replaced);

        Assert.NotNull(replaced);
        Assert.Equal("WaveSpeed", replaced!.Provider);
        Assert.Equal(first.BaseUri, replaced.BaseUri);
        Assert.Equal("fal", harness.Session.Find("work", null)!.Provider);
    }

    [Fact]
    public void Looking_up_a_connection_for_another_provider_leaves_the_default_alone()
    {
        using var harness = new EmulatorHarness();
        var rehearsal = harness.Connect("WaveSpeed");
        harness.SetEnvironment("FAL_KEY", "fal-key-from-the-environment");

        var looked = harness.Session.FindOrConnect(null, "fal");

        Assert.Equal("fal", looked.Provider);
        Assert.Same(rehearsal, harness.Session.Default);
        Assert.Same(rehearsal, harness.Session.FindOrConnect(null, null));
    }

    [Fact]
    public void Following_a_task_of_another_provider_leaves_the_default_alone()
    {
        using var harness = new EmulatorHarness();
        var rehearsal = harness.Connect("WaveSpeed");
        harness.SetEnvironment("FAL_KEY", "fal-key-from-the-environment");

        var follower = harness.Session.FindOrConnectFor(new VideoTask("fal-task-id", "fal", string.Empty));

        Assert.Equal("fal", follower.Provider);
        Assert.Same(rehearsal, harness.Session.Default);
    }

    [Fact]
    public void A_connection_from_the_environment_never_replaces_one_the_user_made_under_the_same_name()
    {
        using var harness = new EmulatorHarness();
        var named = harness.Connect("WaveSpeed", configure: options => options.Name = "fal");
        harness.SetEnvironment("FAL_KEY", "fal-key-from-the-environment");

        var looked = harness.Session.FindOrConnect(null, "fal");

        Assert.NotSame(named, looked);
        Assert.Same(named, harness.Session.FindOrConnect("fal", null));
        Assert.Same(named, harness.Session.Default);
        Assert.Equal(harness.Server.BaseUriFor("WaveSpeed").AbsoluteUri.TrimEnd('/'), named.BaseUri.AbsoluteUri.TrimEnd('/'));
    }

    [Fact]
    public void With_no_connection_at_all_the_environment_makes_the_default()
    {
        using var harness = new EmulatorHarness();
        harness.SetEnvironment("FAL_KEY", "fal-key-from-the-environment");

        var implicitOne = harness.Session.FindOrConnect(null, null);

        Assert.Equal("fal", implicitOne.Provider);
        Assert.Same(implicitOne, harness.Session.Default);
    }

    [Fact]
    public async Task A_journalled_task_is_followed_at_the_address_it_was_submitted_to_never_the_providers_own()
    {
        using var harness = new EmulatorHarness(options => options.Latency = TimeSpan.FromMilliseconds(50));
        var rehearsal = harness.Connect("WaveSpeed");
        var rehearsalAddress = rehearsal.BaseUri;
        var submitted = await rehearsal.SubmitAsync(rehearsal.Prepare(Support.Requests.FromUrl()), CancellationToken.None);

        // Then the same profile name is connected to the real WaveSpeed (nothing is sent there in this test).
        var real = harness.Session.Connect(new ConnectionOptions("WaveSpeed") { ApiKey = ApiKeySecret.FromPlainText("a-real-key", "test"), Http = EmulatorHarness.FastHttp() });
        harness.SetEnvironment("WAVESPEED_API_KEY", EmulatorHarness.Key);
        var journalled = harness.Journal.ReadAll().Single(record => record.Id == submitted.Id).ToVideoTask();

        var follower = harness.Session.FindOrConnectFor(journalled);

        Assert.Equal(rehearsalAddress, follower.BaseUri);
        Assert.NotSame(real, follower);
        Assert.Same(real, harness.Session.Default);
        var final = await follower.WaitAsync(journalled, TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.Equal(TaskState.Succeeded, final.Lifecycle);
    }

    [Fact]
    public async Task A_journalled_task_is_followed_by_an_existing_connection_to_its_address()
    {
        using var harness = new EmulatorHarness(options => options.Latency = TimeSpan.FromMilliseconds(50));
        var rehearsal = harness.Connect("WaveSpeed", configure: options => options.Name = "rehearsal");
        var submitted = await rehearsal.SubmitAsync(rehearsal.Prepare(Support.Requests.FromUrl()), CancellationToken.None);
        harness.Session.Connect(new ConnectionOptions("WaveSpeed") { ApiKey = ApiKeySecret.FromPlainText("a-real-key", "test"), Http = EmulatorHarness.FastHttp() });
        var journalled = harness.Journal.ReadAll().Single(record => record.Id == submitted.Id).ToVideoTask() with { Connection = "gone" };

        Assert.Same(rehearsal, harness.Session.FindOrConnectFor(journalled));
    }
}
