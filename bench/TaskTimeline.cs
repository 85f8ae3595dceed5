using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;

namespace Seedance.Bench;

/// <summary>
/// When each task of an engine run was answered, seen finished and saved, from the first submit: where a large
/// tier's makespan goes (the refill of the first wave's slots, the wait for status answers, the download queue).
/// </summary>
internal sealed class TaskTimeline
{
    private readonly Stopwatch _clock;
    private readonly double[] _answered;
    private readonly double[] _finished;
    private readonly double[] _saved;
    private readonly int _concurrency;

    public TaskTimeline(Stopwatch clock, int tasks, int concurrency)
    {
        _clock = clock;
        _answered = new double[tasks];
        _finished = new double[tasks];
        _saved = new double[tasks];
        _concurrency = Math.Min(concurrency, tasks);
    }

    public void Answered(int task) => _answered[task] = _clock.Elapsed.TotalSeconds;

    public void Finished(int task) => _finished[task] = _clock.Elapsed.TotalSeconds;

    public void Saved(int task) => _saved[task] = _clock.Elapsed.TotalSeconds;

    /// <summary>
    /// One line: when the first C and all N submits were answered, how long finished tasks waited to be saved, and how
    /// large the videos really were (the emulator makes each exactly --size-bytes, unless even its compact form is larger).
    /// </summary>
    public string Describe(long bytesSaved)
    {
        var answered = _answered.OrderBy(time => time).ToArray();
        var toSave = _saved.Zip(_finished, (saved, finished) => saved - finished).OrderBy(time => time).ToArray();
        return string.Format(CultureInfo.InvariantCulture,
            "  timeline: submit #{0} answered at {1:0.00} s, #{2} at {3:0.00} s; last seen finished at {4:0.00} s, last saved at {5:0.00} s; seen finished to saved p50 {6:0} ms, p95 {7:0} ms; videos {8:0.00} MB each, {9:0.0} GB in all",
            _concurrency, answered[_concurrency - 1], answered.Length, answered[^1], _finished.Max(), _saved.Max(),
            toSave[toSave.Length / 2] * 1000, toSave[Math.Min(toSave.Length - 1, toSave.Length * 95 / 100)] * 1000,
            bytesSaved / 1e6 / answered.Length, bytesSaved / 1e9);
    }
}
