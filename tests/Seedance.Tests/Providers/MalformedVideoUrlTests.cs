using System;
using System.Threading;
using System.Threading.Tasks;
using Seedance.Emulator.Faults;
using Seedance.Providers;
using Seedance.Tests.Support;
using Xunit;

namespace Seedance.Tests.Providers;

/// <summary>
/// A finished task whose video link is not an http(s) URL (garbage, or a bare path, which on Unix parses as a
/// file: URI) is the module's own failure, "gave no video", on every provider: never a raw UriFormatException, and
/// never a link the downloader would follow off the web.
/// </summary>
public sealed class MalformedVideoUrlTests
{
    public static TheoryData<string, string> Answers()
    {
        var answers = new TheoryData<string, string>();
        foreach (var url in new[] { "not a url", "/videos/clip.mp4", "ftp://files.example.com/clip.mp4" })
        {
            answers.Add(WaveSpeedProvider.Name, $"{{\"code\":200,\"message\":\"success\",\"data\":{{\"id\":\"x\",\"status\":\"completed\",\"outputs\":[\"{url}\"]}}}}");
            answers.Add(AimlApiProvider.Name, $"{{\"id\":\"x\",\"status\":\"completed\",\"video\":{{\"url\":\"{url}\"}}}}");
            answers.Add(ArkProvider.Name, $"{{\"id\":\"x\",\"status\":\"succeeded\",\"content\":{{\"video_url\":\"{url}\"}}}}");
            answers.Add(FalProvider.Name, $"{{\"status\":\"COMPLETED\",\"video\":{{\"url\":\"{url}\"}}}}");
            answers.Add(ReplicateProvider.Name, $"{{\"id\":\"x\",\"status\":\"succeeded\",\"output\":\"{url}\"}}");
            answers.Add(AtlasCloudProvider.Name, $"{{\"code\":200,\"data\":{{\"id\":\"x\",\"status\":\"completed\",\"outputs\":[\"{url}\"]}}}}");
        }

        return answers;
    }

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task A_video_link_that_is_not_a_web_url_fails_the_task_in_the_modules_own_words(string provider, string statusAnswer)
    {
        using var harness = new EmulatorHarness(options => options.Faults.Add(new FaultRule { Provider = provider, Endpoint = "status", Action = FaultAction.Status, StatusCode = 200, Body = statusAnswer }));
        var connection = harness.Connect(provider);
        var task = await connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl()), CancellationToken.None);

        var refreshed = await connection.RefreshAsync(task, CancellationToken.None);

        Assert.Equal(TaskState.Failed, refreshed.Lifecycle);
        Assert.Null(refreshed.VideoUrl);
        Assert.Equal($"{provider} reported task {task.Id} finished but gave no video.", refreshed.Error);
    }
}
