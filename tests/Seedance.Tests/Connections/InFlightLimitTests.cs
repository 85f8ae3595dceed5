using Seedance.Connections;

namespace Seedance.Tests.Connections;

/// <summary>
/// Status requests and downloads in flight grow with the throttle limit, so a tier of thousands is not asked about
/// and fetched a handful at a time; a small tier keeps the fixed floor, and an explicit limit wins.
/// </summary>
public sealed class InFlightLimitTests
{
    [Theory]
    [InlineData(0, 8, 4)]
    [InlineData(10, 8, 4)]
    [InlineData(256, 8, 4)]
    [InlineData(1000, 31, 15)]
    [InlineData(2500, 78, 39)]
    public void Sizes_polls_and_downloads_to_the_throttle_limit(int throttleLimit, int polls, int downloads)
    {
        var options = new ConnectionOptions("WaveSpeed") { ThrottleLimit = throttleLimit };

        Assert.Equal(polls, options.PollsInFlight);
        Assert.Equal(downloads, options.DownloadsInFlight);
    }

    [Fact]
    public void Keeps_limits_that_were_given()
    {
        var options = new ConnectionOptions("WaveSpeed") { ThrottleLimit = 2500, MaxConcurrentPolls = 3, MaxConcurrentDownloads = 2 };

        Assert.Equal(3, options.PollsInFlight);
        Assert.Equal(2, options.DownloadsInFlight);
    }
}
