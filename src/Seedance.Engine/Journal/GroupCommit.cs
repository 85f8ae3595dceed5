namespace Seedance.Journal;

/// <summary>
/// Group commit for one file: each line is on disk before its write completes, but one write and one flush cover
/// all the lines waiting at that moment, so a thousand tasks ending at once cost a handful of flushes. One batch
/// is written at a time; the process's writers never contend for the file's lock among themselves (only other
/// processes' writers remain).
/// </summary>
internal sealed class GroupCommit
{
    private readonly Action<byte[]> _writeAndFlush;
    private readonly object _gate = new();
    private Batch _open = new();
    private bool _writing;

    /// <param name="writeAndFlush">Appends the bytes and flushes them to disk; runs for one batch at a time.</param>
    public GroupCommit(Action<byte[]> writeAndFlush)
    {
        _writeAndFlush = writeAndFlush;
    }

    /// <summary>Appends <paramref name="lines"/>; completes once they are on disk, or with what the write threw.</summary>
    /// <remarks>
    /// A write that finds none under way writes its own batch at once, on its own thread: in the common case a line
    /// costs one flush and no hand-off. Lines that arrive meanwhile are written together by a background writer, so
    /// the caller is never held up by other callers' lines.
    /// </remarks>
    public Task AppendAsync(byte[] lines)
    {
        Batch mine;
        lock (_gate)
        {
            mine = _open;
            mine.Lines.Add(lines);
            if (_writing)
            {
                return mine.Done.Task;
            }

            _writing = true;
            _open = new Batch();
        }

        Write(mine);
        lock (_gate)
        {
            if (_open.Lines.Count == 0)
            {
                _writing = false;
            }
            else
            {
                _ = Task.Run(WriteBatches);
            }
        }

        return mine.Done.Task;
    }

    /// <summary>The same, waiting: for callers that cannot go on before the line is on disk and have no async path.</summary>
    public void Append(byte[] lines) => AppendAsync(lines).GetAwaiter().GetResult();

    private void WriteBatches()
    {
        while (true)
        {
            Batch batch;
            lock (_gate)
            {
                if (_open.Lines.Count == 0)
                {
                    _writing = false;
                    return;
                }

                batch = _open;
                _open = new Batch();
            }

            Write(batch);
        }
    }

    private void Write(Batch batch)
    {
        try
        {
            _writeAndFlush(batch.Lines.Count == 1 ? batch.Lines[0] : batch.Lines.SelectMany(line => line).ToArray());
            batch.Done.SetResult(true);
        }
        catch (Exception ex)
        {
            batch.Done.SetException(ex);
        }
    }

    private sealed class Batch
    {
        public List<byte[]> Lines { get; } = new();

        public TaskCompletionSource<bool> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
