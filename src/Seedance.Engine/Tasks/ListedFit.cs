namespace Seedance.Tasks;

/// <summary>How a task in a provider's list compares with a submit whose answer was lost.</summary>
internal enum ListedFit
{
    /// <summary>Something both show differs (or it is another model, or older): not this submit's task.</summary>
    Other,

    /// <summary>Everything both show agrees, the prompt, images or reference among it: this submit's task, if it is the only one.</summary>
    Same,

    /// <summary>Nothing differs, but the list shows too little of it (no prompt, images or reference) to tell it from another's.</summary>
    Undecided,
}
