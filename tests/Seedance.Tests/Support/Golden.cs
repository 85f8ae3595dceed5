using System.IO;
using System.Text.Json.Nodes;
using Xunit;

namespace Seedance.Tests.Support;

/// <summary>
/// Recorded request bodies, one per provider and scenario, compared field by field with what actually reached
/// the emulator, so that any change to a wire mapping shows up in review as a change to a golden file.
/// </summary>
internal static class Golden
{
    public static void AssertMatches(string provider, string scenario, string actualBody)
    {
        var path = Path.Combine(System.AppContext.BaseDirectory, "Golden", provider, scenario + ".json");
        var expected = JsonNode.Parse(File.ReadAllText(path));
        var actual = JsonNode.Parse(actualBody);
        Assert.True(JsonNode.DeepEquals(expected, actual), $"The {provider} '{scenario}' body differs from {path}.\nExpected: {expected?.ToJsonString()}\nActual:   {actual?.ToJsonString()}");
    }
}
