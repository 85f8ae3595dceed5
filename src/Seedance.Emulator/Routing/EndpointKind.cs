namespace Seedance.Emulator.Routing;

/// <summary>The kinds of call a fault plan aims at (its rules' <c>endpoint</c>), as every twin's route table names them.</summary>
public static class EndpointKind
{
    public const string Submit = "submit";
    public const string Status = "status";
    public const string Cancel = "cancel";
    public const string Upload = "upload";
    public const string List = "list";

    /// <summary>A finished video fetched from the emulator's file store.</summary>
    public const string Download = "download";

    /// <summary>Anything else: account, secret and file calls, and paths no route knows.</summary>
    public const string Other = "other";
}
