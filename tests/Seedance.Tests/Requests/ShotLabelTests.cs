using Seedance.Providers;
using Seedance.Requests;

namespace Seedance.Tests.Requests;

/// <summary>-Shot is composed as ByteDance's Seedance 2.0 prompt guide labels shots, and times in it are flagged where the model ignores them.</summary>
public sealed class ShotLabelTests : IDisposable
{
    private readonly EmulatorHarness _harness = new();

    [Fact]
    public void Shots_are_labelled_lines_after_the_prompt_in_order()
    {
        Assert.Equal("a bakery at dawn\nShot 1: wide shot of the street\nShot 2: close-up of bread",
            PromptComposer.Compose("a bakery at dawn", new List<string> { " wide shot of the street ", "close-up of bread" }));
    }

    [Fact]
    public void A_chinese_prompt_gets_the_guides_own_labels()
    {
        Assert.Equal("清晨的面包店\n镜头1：街道全景\n镜头2：面包特写", PromptComposer.Compose("清晨的面包店", new List<string> { "街道全景", "面包特写" }));
    }

    [Theory]
    [InlineData("Shot 2: close-up of bread")]
    [InlineData("shot 2 - close-up of bread")]
    [InlineData("SHOT 2. close-up of bread")]
    public void A_label_the_user_typed_is_not_written_twice(string shot)
    {
        var composed = PromptComposer.Compose(null, new List<string> { "wide shot", shot })!;

        Assert.EndsWith("\nShot 2: close-up of bread", composed);
        Assert.Equal(1, composed.Split(new[] { "Shot 2" }, StringSplitOptions.None).Length - 1);
    }

    [Theory]
    [InlineData("0-3s: wide shot", "0-3s")]
    [InlineData("[00:03-00:06]: the door opens", "[00:03-00:06]")]
    [InlineData("Shot 1: 3秒：镜头推近", "3秒")]
    [InlineData("wide shot of 3 streets", null)]
    public void A_time_at_the_start_of_a_shot_is_found(string shot, string? time)
    {
        Assert.Equal(time, PromptComposer.LeadingTime(shot));
    }

    [Fact]
    public void Times_in_shots_are_sent_as_written_with_a_warning_on_Seedance_2_0_and_none_on_2_5()
    {
        var connection = _harness.Connect(ArkProvider.Name);
        VideoRequest Request(string? model) => new() { Prompt = "a bakery", Model = model, Shots = { "0-3s: wide shot of the street", "close-up of bread" } };

        var fast = connection.Prepare(Request(null));
        var later = connection.Prepare(Request("dreamina-seedance-2-5-260628"));

        Assert.Equal("a bakery\nShot 1: 0-3s: wide shot of the street\nShot 2: close-up of bread", fast.Prompt);
        var warning = Assert.Single(fast.Warnings);
        Assert.StartsWith("-Shot 1 starts with a time ('0-3s'), which Ark model dreamina-seedance-2-0-fast-260128 does not hold to", warning);
        Assert.DoesNotContain(later.Warnings, text => text.Contains("-Shot"));
    }

    public void Dispose() => _harness.Dispose();
}
