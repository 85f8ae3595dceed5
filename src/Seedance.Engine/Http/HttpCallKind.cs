namespace Seedance.Http;

/// <summary>
/// What a call does, which decides how it may be retried: a submit can bill, the others cannot.
/// </summary>
public enum HttpCallKind
{
    /// <summary>Creates a paid task. Retried only when it provably never reached the server, or on 429.</summary>
    Submit,
    /// <summary>Reads a task's status or result. Safe to repeat.</summary>
    Status,
    /// <summary>Cancels or deletes a task. Repeating it changes nothing.</summary>
    Cancel,
    /// <summary>Uploads an input file. A repeat only stores the file twice.</summary>
    Upload,
    /// <summary>Lists recent tasks. Safe to repeat.</summary>
    List,
    /// <summary>Asks what a request would cost; nothing runs. Safe to repeat.</summary>
    Quote,
}
