using System.Net.Http;
using System.Net.Http.Headers;
using Seedance.Tests.Support;

namespace Seedance.Tests.Emulator;

/// <summary>
/// The emulator renders each distinct video once and serves its bytes again, as a CDN serves a stored file: the same
/// request gives the same video, another request another video, and a byte range is a slice of the very same file.
/// </summary>
public sealed class RenderedVideoTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_same_request_gives_the_same_video_another_request_another_and_a_range_is_a_slice_of_it()
    {
        using var harness = new EmulatorHarness(options => options.Latency = TimeSpan.FromMilliseconds(100));
        var connection = harness.Connect();
        var requests = new[] { "slow orbital pan", "slow orbital pan", "zoom in on the label" };
        var finished = new List<VideoTask>();
        foreach (var prompt in requests)
        {
            var task = await connection.SubmitAsync(connection.Prepare(Support.Requests.FromUrl(prompt: prompt)), CancellationToken.None);
            finished.Add(await connection.WaitAsync(task, Deadline, CancellationToken.None));
        }

        using var client = new HttpClient();
        var videos = new List<byte[]>();
        foreach (var task in finished)
        {
            videos.Add(await client.GetByteArrayAsync(task.VideoUrl));
        }

        using var ranged = new HttpRequestMessage(HttpMethod.Get, finished[1].VideoUrl);
        ranged.Headers.Range = new RangeHeaderValue(1000, 1999);
        using var answer = await client.SendAsync(ranged);
        var slice = await answer.Content.ReadAsByteArrayAsync();

        Assert.NotEqual(finished[0].Id, finished[1].Id);
        Assert.Equal(videos[0], videos[1]);
        Assert.NotEqual(videos[0], videos[2]);
        Assert.Equal(System.Net.HttpStatusCode.PartialContent, answer.StatusCode);
        Assert.Equal(videos[1].Skip(1000).Take(1000), slice);
    }
}
