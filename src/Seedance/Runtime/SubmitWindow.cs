using System.Collections.Generic;
using System.Threading.Tasks;

namespace Seedance.Commands.Runtime;

/// <summary>
/// The submits New-SeedanceVideo has sent and not yet handed on, oldest first. Several are on the wire at once, so
/// a large tier refills at the rate the provider answers rather than one round trip at a time; each takes its
/// throttle slot before it starts (so no input is read ahead of the throttle) and journals its intent before it goes
/// out. The tasks come out in the order their inputs came in, whichever answer arrives first.
/// </summary>
internal sealed class SubmitWindow
{
    private readonly Queue<SentSubmit> _sent = new();
    private readonly int _width;

    /// <param name="width">Submits on the wire at once: the connection's <c>SubmitsInFlight</c>, sized to its throttle limit.</param>
    public SubmitWindow(int width) => _width = width;

    public void Add(SentSubmit submit) => _sent.Enqueue(submit);

    /// <summary>The oldest submit not yet handed on, when it must be handed on now: it is answered, the window is full, or <paramref name="all"/> is asked for.</summary>
    public SentSubmit? TakeDue(bool all)
    {
        if (_sent.Count == 0)
        {
            return null;
        }

        var oldest = _sent.Peek();
        return all || oldest.Answer.IsCompleted || _sent.Count >= _width ? _sent.Dequeue() : null;
    }
}

/// <summary>One submit on the wire: its answer to come, what it was for (for errors), and the cost it reserved.</summary>
internal sealed record SentSubmit(Task<VideoTask> Answer, string Target, decimal? Cost);
