namespace Seedance.Connections;

/// <summary>
/// Decides when a connection's downloads start: at most <c>wide</c> at once, and while a submit is under way at most
/// <c>narrow</c>. Submits come first because a submit that waits for CPU leaves a paid-for throttle slot idle,
/// which delays the whole batch, while a finished video waits on the provider's storage for hours. The moment this
/// matters is a wave's turnover at a large tier: a thousand tasks finish together, and their thousand downloads
/// (gigabytes to receive, write and check) would otherwise take the CPU from the thousand submits that refill the
/// slots. Downloads already running are never stopped; only new ones wait, in the order they asked.
/// </summary>
internal sealed class DownloadAdmission
{
    private readonly object _gate = new();
    private readonly LinkedList<TaskCompletionSource<bool>> _waiting = new();
    private readonly int _wide;
    private readonly int _narrow;
    private int _downloading;
    private int _submitsUnderWay;

    public DownloadAdmission(int wide)
    {
        _wide = Math.Max(1, wide);
        _narrow = NarrowOf(_wide);
    }

    /// <summary>Downloads at once while a submit is under way: a quarter of the full width, and never fewer than 2 (or the full width, if smaller).</summary>
    public static int NarrowOf(int wide) => Math.Min(wide, Math.Max(2, wide / 4));

    /// <summary>Downloads running now, for tests and diagnostics.</summary>
    public int Downloading
    {
        get
        {
            lock (_gate)
            {
                return _downloading;
            }
        }
    }

    private int Width => _submitsUnderWay > 0 ? _narrow : _wide;

    /// <summary>Waits for a download's turn; disposing the result ends the download's turn.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource<bool> turn;
        LinkedListNode<TaskCompletionSource<bool>> place;
        lock (_gate)
        {
            if (_waiting.Count == 0 && _downloading < Width)
            {
                _downloading++;
                return new Scope(this, isDownload: true);
            }

            turn = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            place = _waiting.AddLast(turn);
        }

        using (cancellationToken.Register(() => GiveUp(place, cancellationToken)))
        {
            // A turn given just as the wait was cancelled is kept: the download starts, and its end frees the turn.
            await turn.Task.ConfigureAwait(false);
        }

        return new Scope(this, isDownload: true);
    }

    /// <summary>Marks a submit under way until the result is disposed; meanwhile new downloads start narrow.</summary>
    public IDisposable SubmitUnderWay()
    {
        lock (_gate)
        {
            _submitsUnderWay++;
        }

        return new Scope(this, isDownload: false);
    }

    private void GiveUp(LinkedListNode<TaskCompletionSource<bool>> place, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (place.List is null)
            {
                return;
            }

            _waiting.Remove(place);
        }

        place.Value.TrySetCanceled(cancellationToken);
    }

    private void End(bool isDownload)
    {
        var admitted = new List<TaskCompletionSource<bool>>();
        lock (_gate)
        {
            if (isDownload)
            {
                _downloading--;
            }
            else
            {
                _submitsUnderWay--;
            }

            while (_waiting.First is { } next && _downloading < Width)
            {
                _waiting.RemoveFirst();
                _downloading++;
                admitted.Add(next.Value);
            }
        }

        // Outside the lock: the continuations run elsewhere (RunContinuationsAsynchronously), but nothing is woken
        // while the gate is held.
        foreach (var turn in admitted)
        {
            turn.TrySetResult(true);
        }
    }

    private sealed class Scope : IDisposable
    {
        private DownloadAdmission? _admission;
        private readonly bool _isDownload;

        public Scope(DownloadAdmission admission, bool isDownload)
        {
            _admission = admission;
            _isDownload = isDownload;
        }

        public void Dispose() => Interlocked.Exchange(ref _admission, null)?.End(_isDownload);
    }
}
