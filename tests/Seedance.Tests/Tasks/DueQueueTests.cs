using Seedance.Tasks;

namespace Seedance.Tests.Tasks;

/// <summary>The watcher's queue: what is due comes out in due order, nothing before its time, and nothing is lost.</summary>
public sealed class DueQueueTests
{
    [Fact]
    public void Items_come_out_when_due_soonest_first_and_equal_times_in_the_order_they_were_added()
    {
        var queue = new DueQueue<string>();
        queue.Add("late", TimeSpan.FromSeconds(9));
        queue.Add("first at 2", TimeSpan.FromSeconds(2));
        queue.Add("early", TimeSpan.FromSeconds(1));
        queue.Add("second at 2", TimeSpan.FromSeconds(2));
        var due = new List<string>();

        var wait = queue.TakeDue(TimeSpan.FromSeconds(2), due);

        Assert.Equal(new[] { "early", "first at 2", "second at 2" }, due);
        Assert.Equal(TimeSpan.FromSeconds(7), wait);
        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public void An_empty_queue_waits_for_ever_and_every_item_added_from_many_threads_comes_out_once()
    {
        var queue = new DueQueue<int>();
        Parallel.For(0, 10_000, i => queue.Add(i, TimeSpan.FromMilliseconds(i % 97)));
        var due = new List<int>();

        Assert.Equal(Timeout.InfiniteTimeSpan, queue.TakeDue(TimeSpan.FromSeconds(1), due));
        Assert.Equal(Enumerable.Range(0, 10_000), due.OrderBy(i => i));
    }
}
