namespace Seedance.Emulator.Faults;

/// <summary>What the emulator does instead of (or to) a normal answer.</summary>
public enum FaultAction
{
    /// <summary>Answer with <see cref="FaultRule.StatusCode"/> (and Retry-After when set), without touching the task store.</summary>
    Status,
    /// <summary>Wait <see cref="FaultRule.DelayMilliseconds"/> before handling the request normally.</summary>
    Delay,
    /// <summary>Close the connection without reading the request or answering: the request provably did nothing.</summary>
    DropBeforeHandling,
    /// <summary>Handle the request (a submit creates its task) but close the connection instead of answering.</summary>
    DropAfterHandling,
    /// <summary>Handle the request, then send only the first half of the answer and close the connection.</summary>
    Truncate,
    /// <summary>Handle the request, then answer 200 with a body that is not JSON.</summary>
    Malformed,
    /// <summary>
    /// Handle a submit with its task finished the moment it is created, as a provider's sync mode answers a quick
    /// generation; twins whose submit answer carries a status (WaveSpeed, Replicate, Atlas Cloud) report it finished.
    /// </summary>
    AnswerFinished,
    /// <summary>
    /// Close the connection at once, as a client's timeout does, and handle the request only
    /// <see cref="FaultRule.DelayMilliseconds"/> later: a submit's task then appears in the provider's lists only
    /// after the client gave up on the answer, the way a slow provider records it.
    /// </summary>
    CreateLate,
}
