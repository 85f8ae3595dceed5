using System.Diagnostics;

namespace Seedance.Tests.Support;

/// <summary>Waits for something another thread or process brings about, failing the test if it never comes.</summary>
internal static class Wait
{
    /// <summary>Checks <paramref name="condition"/> every 50 ms until it holds, for at most <paramref name="limit"/> (20 s unless given).</summary>
    public static async Task Until(Func<bool> condition, TimeSpan? limit = null)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > (limit ?? TimeSpan.FromSeconds(20)))
            {
                throw new TimeoutException("What the test waited for never happened.");
            }

            await Task.Delay(50).ConfigureAwait(false);
        }
    }
}
