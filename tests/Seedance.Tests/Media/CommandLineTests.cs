using Seedance.Media;

namespace Seedance.Tests.Media;

/// <summary>The netstandard2.0 build writes ffmpeg's command line itself; each argument must come back whole.</summary>
public sealed class CommandLineTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("", "\"\"")]
    [InlineData("with space", "\"with space\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData(@"C:\My Videos\", "\"C:\\My Videos\\\\\"")]
    [InlineData(@"a\\""b", "\"a\\\\\\\\\\\"b\"")]
    [InlineData(@"C:\videos\clip.mp4", @"C:\videos\clip.mp4")]
    public void Arguments_are_quoted_as_the_C_runtime_parses_them(string argument, string written)
    {
        Assert.Equal(written, CommandLine.Quote(argument));
    }

    [Fact]
    public void Arguments_are_joined_by_spaces()
    {
        Assert.Equal("-i \"my clip.mp4\" out.png", CommandLine.Join(new[] { "-i", "my clip.mp4", "out.png" }));
    }
}
