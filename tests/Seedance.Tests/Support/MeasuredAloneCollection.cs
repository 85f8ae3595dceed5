namespace Seedance.Tests.Support;

/// <summary>
/// Tests that measure the whole process (allocations, memory) run in this collection, which xunit runs on its
/// own after the parallel ones, so other tests' work does not count against them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasuredAloneCollection
{
    public const string Name = "Measured alone";
}
