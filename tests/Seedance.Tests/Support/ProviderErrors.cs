using Seedance;

namespace Seedance.Tests.Support;

/// <summary>
/// A submit a provider refuses with an error body of its own, and what the user must get from it: the category, the
/// provider's words in the message and its code (null: unchecked). Each provider's test file lists its own; the
/// conformance suite runs them all.
/// </summary>
public sealed record SubmitRefusal(int Status, string Body, SeedanceErrorCategory Category, string? Words = null, string? ProviderCode = null)
{
    public override string ToString() => $"{Status} {ProviderCode ?? Category.ToString()}";
}

/// <summary>An error body as a provider documents it, and the category it means (each provider's test file lists its own).</summary>
public sealed record ErrorBody(int Status, string Body, SeedanceErrorCategory Category)
{
    public override string ToString() => $"{Status} {Category}: {Body}";
}
