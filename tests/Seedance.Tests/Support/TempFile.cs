namespace Seedance.Tests.Support;

/// <summary>A uniquely named file under the system temp directory, deleted on dispose.</summary>
internal sealed class TempFile : IDisposable
{
    public TempFile(string extension)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"seedance-test-{Guid.NewGuid():N}{extension}");
    }

    public string Path { get; }

    public void Dispose() => File.Delete(Path);
}
