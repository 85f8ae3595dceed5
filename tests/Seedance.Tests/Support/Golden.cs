using System.Text.Json.Nodes;

namespace Seedance.Tests.Support;

/// <summary>
/// Recorded request bodies, one per provider and scenario, compared field by field with what actually reached
/// the emulator, so that any change to a wire mapping shows up in review as a change to a golden file.
/// </summary>
/// <remarks>
/// A top-level field whose golden value is <c>"&lt;generated&gt;"</c> is one the module makes up afresh for each
/// request (Ark's safety_identifier): it must be there, as a non-empty string, whatever its value.
/// </remarks>
internal static class Golden
{
    private const string Generated = "<generated>";

    public static void AssertMatches(string provider, string scenario, string actualBody)
    {
        var path = Path.Combine(System.AppContext.BaseDirectory, "Golden", provider, scenario + ".json");
        var expected = JsonNode.Parse(File.ReadAllText(path));
        var actual = JsonNode.Parse(actualBody);
        if (expected is JsonObject expectedFields && actual is JsonObject actualFields)
        {
            foreach (var field in expectedFields.Where(field => field.Value?.GetValueKind() == System.Text.Json.JsonValueKind.String && field.Value.GetValue<string>() == Generated).Select(field => field.Key).ToList())
            {
                Assert.False(string.IsNullOrEmpty(actualFields[field]?.GetValue<string>()), $"The {provider} '{scenario}' body has no {field}.");
                actualFields[field] = Generated;
            }
        }

        Assert.True(JsonNode.DeepEquals(expected, actual), $"The {provider} '{scenario}' body differs from {path}.\nExpected: {expected?.ToJsonString()}\nActual:   {actual?.ToJsonString()}");
    }
}
