using System.Security.Cryptography;
using System.Text;
using Seedance.Emulator.Faults;
using Seedance.Journal;
using static Seedance.Tests.Support.LostSubmits;

namespace Seedance.Tests.Journal;

/// <summary>
/// Before a submit goes out, the journal holds what is needed to find its task again; the answer completes that
/// intent, and a refusal closes it (what a killed process leaves open is PendingSubmitTests').
/// </summary>
public sealed class SubmitIntentTests
{
    private const string ImageUrl = "https://images.example.com/shot.jpg";

    [Fact]
    public async Task An_intent_is_journalled_before_the_submit_goes_out_and_its_answer_completes_it()
    {
        using var harness = new EmulatorHarness(FirstSubmit(FaultAction.Delay, delayMilliseconds: 1500));
        var connection = harness.Connect();

        var submitting = SubmitAsync(connection);
        await Wait.Until(() => harness.Journal.ReadIntents().Count == 1);

        var open = harness.Journal.ReadIntents().Single();
        var intent = open.Submit;
        Assert.Equal(0, harness.Submits());
        Assert.True(open.IsOpen);
        Assert.Equal("WaveSpeed", intent.Provider);
        Assert.Equal(connection.Name, intent.Connection);
        Assert.Equal(connection.BaseUri.AbsoluteUri, intent.BaseUri);
        Assert.Equal("bytedance/seedance-2.0-fast/image-to-video", intent.Model);
        Assert.Equal(Prompt, intent.Prompt);
        Assert.Equal(Sha256(Prompt), intent.PromptDigest);
        Assert.Equal(5, intent.DurationSeconds);
        Assert.Equal(new[] { ImageUrl }, intent.Images);
        Assert.Empty(harness.Journal.ReadAll());

        var task = await submitting;

        var completed = harness.Journal.ReadIntents().Single();
        Assert.False(completed.IsOpen);
        Assert.Equal(task.Id, completed.TaskId);
        Assert.Equal(task.Id, harness.Journal.ReadAll().Single().Id);
    }

    [Fact]
    public async Task A_submit_the_provider_refused_closes_its_intent()
    {
        using var harness = new EmulatorHarness(FirstSubmit(FaultAction.Status, statusCode: 400));

        await SubmitFailsAsync(harness.Connect());

        var intent = harness.Journal.ReadIntents().Single();
        Assert.False(intent.IsOpen);
        Assert.Null(intent.TaskId);
        Assert.Contains("HTTP 400", intent.ClosedBecause);
    }

    [Fact]
    public async Task An_image_url_with_a_query_is_journalled_by_its_digest_and_still_matched()
    {
        const string signed = "https://store.example.com/shot.jpg?sv=2026-01-01&sig=c2VjcmV0";
        using var harness = new EmulatorHarness(FirstSubmit(FaultAction.DropAfterHandling));
        var connection = harness.Connect();

        var task = await connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl(signed)), System.Threading.CancellationToken.None);

        Assert.Equal("sha256:" + Sha256(signed), Assert.Single(harness.Journal.ReadIntents().Single().Submit.Images));
        Assert.DoesNotContain("sig=", System.IO.File.ReadAllText(harness.Journal.Path));
        Assert.Equal(Assert.Single(harness.Server.Tasks.Snapshot()).Id, task.Id);
    }

    private static string Sha256(string text)
    {
        using var sha = SHA256.Create();
        return string.Concat(sha.ComputeHash(Encoding.UTF8.GetBytes(text)).Select(b => b.ToString("x2")));
    }
}
