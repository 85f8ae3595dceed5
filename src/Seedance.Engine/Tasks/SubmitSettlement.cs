using Seedance.Providers;

namespace Seedance.Tasks;

/// <summary>What the provider's task list says about a submit whose answer never came, and how to tell the user.</summary>
internal sealed record SubmitSettlement
{
    private SubmitSettlement(SettlementVerdict verdict) => Verdict = verdict;

    public SettlementVerdict Verdict { get; }

    /// <summary>The submit's task, when the list showed exactly one that fits it.</summary>
    public VideoTask? Task { get; private init; }

    /// <summary>The ids of the tasks that fit the submit (or could not be told from it), when there is no one answer.</summary>
    public IReadOnlyList<string> Candidates { get; private init; } = Array.Empty<string>();

    /// <summary>Why the list could not be read, for <see cref="SettlementVerdict.ListUnreadable"/>.</summary>
    public string? ListFailure { get; private init; }

    /// <summary>When the reading behind this verdict began: an absence counts only from a reading begun after the window.</summary>
    public DateTimeOffset ReadAt { get; private init; }

    /// <summary>How often the list was read, and over how long since the submit went out.</summary>
    public int Readings { get; private init; }

    public TimeSpan Over { get; private init; }

    /// <summary>True when another reading cannot change the answer: the task was found, or several fit.</summary>
    public bool IsConclusive => Verdict is SettlementVerdict.Found or SettlementVerdict.SeveralFit;

    /// <summary>True when a task may exist that nobody here knows: the submit stays open in the journal.</summary>
    public bool LeavesItOpen => Verdict is not (SettlementVerdict.Found or SettlementVerdict.NotCreated);

    public static SubmitSettlement NoList() => new(SettlementVerdict.NoList);

    public static SubmitSettlement Found(VideoTask task) => new(SettlementVerdict.Found) { Task = task };

    public static SubmitSettlement SeveralFit(IEnumerable<string> ids) => new(SettlementVerdict.SeveralFit) { Candidates = ids.ToList() };

    public static SubmitSettlement CannotTell(IEnumerable<string> ids, DateTimeOffset readAt) => new(SettlementVerdict.CannotTell) { Candidates = ids.ToList(), ReadAt = readAt };

    public static SubmitSettlement Unreadable(string failure, DateTimeOffset readAt) => new(SettlementVerdict.ListUnreadable) { ListFailure = failure, ReadAt = readAt };

    /// <summary>Nothing fits: proof that nothing was created only when the list shows every task, and from a reading begun after the window.</summary>
    public static SubmitSettlement NoneFits(bool listShowsEveryTask, DateTimeOffset readAt, DateTimeOffset settleBy) =>
        new(listShowsEveryTask && readAt >= settleBy ? SettlementVerdict.NotCreated : SettlementVerdict.NotListed) { ReadAt = readAt };

    /// <summary>This verdict after <paramref name="readings"/> readings of the list, <paramref name="over"/> after the submit.</summary>
    public SubmitSettlement After(int readings, TimeSpan over) => this with { Readings = readings, Over = over };

    /// <summary>What the list said, in a sentence or two for the user, ending with where to look when it stays open.</summary>
    public string Explain(ProviderInfo provider)
    {
        var name = provider.Name;
        var where = provider.RequestsPage is { } page ? $"Look for it at {page}." : $"Check {name}'s dashboard.";
        var seconds = $"{Math.Max(1, Over.TotalSeconds):N0} s";
        return Verdict switch
        {
            SettlementVerdict.Found => $"{name}'s list of tasks shows task {Task!.Id}, created from it; it carries on as submitted.",
            SettlementVerdict.NotCreated => $"{name}'s list of tasks, read {Readings} times over the {seconds} after it was sent, shows no task from it: none was created, and submitting it again is safe.",
            SettlementVerdict.SeveralFit => $"{name} lists {Candidates.Count} tasks that fit it exactly and cannot tell which one is its: {string.Join(", ", Candidates)}. None was adopted; check them with Get-SeedanceTask -Id before submitting it again. {StaysOpen}",
            SettlementVerdict.CannotTell => $"{name} lists {Candidates.Count} tasks of the same model sent since, but shows too little of them to tell whether one is its: {string.Join(", ", Candidates)}. Check them with Get-SeedanceTask -Id before submitting it again. {StaysOpen}",
            SettlementVerdict.NotListed => $"{name}'s list of requests showed none from it within {seconds}, but it may not yet list a request still waiting in its queue. {where} {StaysOpen}",
            SettlementVerdict.ListUnreadable => $"{name}'s list of recent tasks could not be read either ({ListFailure!.TrimEnd('.')}). {where} {StaysOpen}",
            _ => $"{name} publishes no list of tasks, so only its dashboard can tell whether a task was created. {where} It stays open in the journal, where Get-SeedanceTask -Pending lists it.",
        };
    }

    private const string StaysOpen = "It stays open in the journal: Get-SeedanceTask -Pending looks for it again.";
}

/// <summary>The answers a provider's task list can give about a submit whose answer was lost.</summary>
internal enum SettlementVerdict
{
    /// <summary>The provider publishes no task list.</summary>
    NoList,

    /// <summary>Exactly one task fits the submit: it is the submit's.</summary>
    Found,

    /// <summary>The list shows every task, was read after the provider had time to record one, and none fits.</summary>
    NotCreated,

    /// <summary>Several tasks fit the submit exactly; none is adopted.</summary>
    SeveralFit,

    /// <summary>Tasks of the same model were listed that show too little to be told from the submit's.</summary>
    CannotTell,

    /// <summary>None fits, but the list may not show every task (a cut-off page, or fal's queue).</summary>
    NotListed,

    /// <summary>The list could not be read.</summary>
    ListUnreadable,
}
