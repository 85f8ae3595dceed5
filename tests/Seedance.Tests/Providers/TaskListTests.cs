using Seedance.Providers;

namespace Seedance.Tests.Providers;

/// <summary>
/// What each provider's list of tasks shows of the submit that made a task, read through its wire mapping from
/// its twin: the fields a lost submit is matched on.
/// </summary>
public sealed class TaskListTests
{
    private const string ImageUrl = "https://images.example.com/harbour.jpg";
    private const string Prompt = "a lighthouse at dawn, slow dolly in";

    [Theory]
    [InlineData("WaveSpeed")]
    [InlineData("Replicate")]
    [InlineData("fal")]
    public async Task The_list_shows_the_prompt_duration_and_images_a_task_was_submitted_with(string provider)
    {
        using var harness = new EmulatorHarness();
        var connection = harness.Connect(provider);
        var request = connection.Prepare(Support.Requests.FromUrl(ImageUrl, Prompt));
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        var task = await connection.SubmitAsync(request, CancellationToken.None);

        var listing = await Lister(provider).ListRecentAsync(connection.Context, request.Model, since, CancellationToken.None);

        var listed = listing.Tasks.Single(candidate => candidate.Task.Id == task.Id);
        Assert.Equal(Prompt, listed.Prompt);
        Assert.Equal(5, listed.DurationSeconds);
        Assert.Equal(new[] { ImageUrl }, listed.Images);
        Assert.True(request.Model.IsKnownAs(listed.Task.Model));
    }

    [Fact]
    public async Task Arks_list_shows_the_reference_a_task_was_submitted_with_and_its_duration()
    {
        using var harness = new EmulatorHarness();
        var connection = harness.Connect("Ark");
        var request = connection.Prepare(Support.Requests.FromUrl(ImageUrl, Prompt));
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        var task = await connection.SubmitAsync(request, CancellationToken.None);

        var listing = await Lister("Ark").ListRecentAsync(connection.Context, request.Model, since, CancellationToken.None);

        var listed = listing.Tasks.Single(candidate => candidate.Task.Id == task.Id);
        Assert.Null(listed.Prompt);
        Assert.Equal(harness.Journal.ReadIntents().Single().Submit.ClientReference, listed.ClientReference);
        Assert.NotNull(listed.ClientReference);
        Assert.Equal(5, listed.DurationSeconds);
        Assert.True(listing.ShowsEveryTask);
    }

    [Fact]
    public async Task Fals_request_list_never_claims_to_show_every_request()
    {
        using var harness = new EmulatorHarness();
        var connection = harness.Connect("fal");
        var request = connection.Prepare(Support.Requests.FromUrl(ImageUrl, Prompt));

        var listing = await Lister("fal").ListRecentAsync(connection.Context, request.Model, DateTimeOffset.UtcNow.AddMinutes(-1), CancellationToken.None);

        Assert.Empty(listing.Tasks);
        Assert.False(listing.ShowsEveryTask);
        Assert.Single(harness.Server.RequestsTo("fal"), call => call.Path.EndsWith("/v1/models/requests/by-endpoint", StringComparison.Ordinal));
    }

    private static ITaskLister Lister(string provider) => (ITaskLister)ProviderCatalog.Get(provider);
}
