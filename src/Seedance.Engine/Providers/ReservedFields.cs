namespace Seedance.Providers;

/// <summary>
/// The request-body fields a provider's wire mapping owns: those it fills from the module's own parameters (each
/// with the parameter that sets it), and those that would change what is made or billed in ways the module does
/// not check or price. -ExtraField may add any other field, never one of these, so that the request the estimate,
/// -WhatIf, the task object and the journal describe is the request that is sent. Matched without regard to case,
/// as several providers' parsers match field names.
/// </summary>
public sealed class ReservedFields
{
    /// <summary>
    /// Why reference videos and audio stay out: the module neither checks them nor prices them, and providers bill
    /// their length (Ark and fal count input video seconds as tokens), so the estimate and -MaxCost would not hold.
    /// </summary>
    public const string ReferenceMedia = "adds reference videos or audio, which this module does not check and whose cost its estimate and -MaxCost do not cover";

    private readonly Dictionary<string, string> _parameterByField = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _reasonByField = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// A list that starts with the names ByteDance's own Seedance schema gives the modelled options, which every
    /// reseller passes on under the same names (whether or not its mapping writes them: a provider that takes no
    /// seed must not get one through -ExtraField either). Each provider adds its own spellings.
    /// </summary>
    public static ReservedFields Seedance() => new ReservedFields()
        .SetBy("Model", "model")
        .SetBy("Prompt", "prompt")
        .SetBy("Duration", "duration")
        .SetBy("Resolution", "resolution")
        .SetBy("AspectRatio", "aspect_ratio", "ratio")
        .SetBy("GenerateAudio", "generate_audio")
        .SetBy("Seed", "seed")
        .SetBy("CameraFixed", "camera_fixed")
        .SetBy("Watermark", "watermark")
        .SetBy("ReturnLastFrame", "return_last_frame");

    /// <summary>Every reserved field name, in the provider's spelling.</summary>
    public IEnumerable<string> Fields => _parameterByField.Keys.Concat(_reasonByField.Keys);

    /// <summary>Reserves <paramref name="fields"/> as the wire names of -<paramref name="parameter"/>.</summary>
    public ReservedFields SetBy(string parameter, params string[] fields)
    {
        foreach (var field in fields)
        {
            _parameterByField[field] = parameter;
        }

        return this;
    }

    /// <summary>
    /// Reserves <paramref name="fields"/>, which no parameter sets, because sending them would escape the module's
    /// checks; <paramref name="reason"/> completes "-ExtraField 'x' ..." for the refusal.
    /// </summary>
    public ReservedFields Unchecked(string reason, params string[] fields)
    {
        foreach (var field in fields)
        {
            _reasonByField[field] = reason;
        }

        return this;
    }

    /// <summary>The parameter whose wire name <paramref name="field"/> is; null when no parameter sets it.</summary>
    public string? ParameterFor(string field) => _parameterByField.TryGetValue(field, out var parameter) ? parameter : null;

    /// <summary>Why <paramref name="field"/> is kept out of -ExtraField although no parameter sets it; null otherwise.</summary>
    public string? ReasonFor(string field) => _reasonByField.TryGetValue(field, out var reason) ? reason : null;

    public bool Contains(string field) => _parameterByField.ContainsKey(field) || _reasonByField.ContainsKey(field);
}
