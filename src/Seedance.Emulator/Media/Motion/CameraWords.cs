using System.Text.RegularExpressions;

namespace Seedance.Emulator.Media.Motion;

/// <summary>
/// Reads the camera move a prompt asks for, from the words video prompts use for it ("slow zoom out", "dolly
/// left", "orbital pan"). The first move named wins; "camera fixed" (or Ark's <c>--cf true</c>) holds the camera.
/// </summary>
public static class CameraWords
{
    // Longer phrases come first in the alternation, so "orbital pan" is an orbit and not a pan.
    private static readonly Regex Move = new(
        @"\b(?:(?<orbit>orbit(?:al|ing|s)?)(?:\s+(?:pan\s+)?(?<side>left|right))?"
        + @"|(?:zoom(?:s|ing)?|dolly(?:ing)?|push(?:es|ing)?|pull(?:s|ing)?|truck(?:s|ing)?|pan(?:s|ning)?|tilt(?:s|ing)?)\s+(?<way>in|out|left|right|up|down)"
        + @"|(?<push>push[- ]in|pull[- ]out))\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static readonly Regex Fixed = new(
        @"\b(?:camera\s+(?:is\s+)?(?:fixed|static|locked|still)|(?:fixed|static|locked)\s+camera|--(?:cf|camerafixed)\s+true)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <param name="text">A prompt, or one shot of it.</param>
    /// <param name="cameraFixed">The request's own camera-fixed switch, which wins over any words.</param>
    /// <param name="otherwise">What a text that names no move gets.</param>
    public static CameraMove Read(string? text, bool cameraFixed = false, CameraMove otherwise = CameraMove.Still)
    {
        if (cameraFixed)
        {
            return CameraMove.Still;
        }

        if (text is null || string.IsNullOrWhiteSpace(text))
        {
            return otherwise;
        }

        if (Fixed.IsMatch(text))
        {
            return CameraMove.Still;
        }

        var match = Move.Match(text);
        if (!match.Success)
        {
            return otherwise;
        }

        if (match.Groups["orbit"].Success)
        {
            return string.Equals(match.Groups["side"].Value, "left", StringComparison.OrdinalIgnoreCase) ? CameraMove.OrbitLeft : CameraMove.OrbitRight;
        }

        if (match.Groups["push"].Success)
        {
            return match.Value.StartsWith("push", StringComparison.OrdinalIgnoreCase) ? CameraMove.ZoomIn : CameraMove.ZoomOut;
        }

        var verb = match.Value.Substring(0, 3).ToLowerInvariant();
        return (verb, match.Groups["way"].Value.ToLowerInvariant()) switch
        {
            (_, "in") => CameraMove.ZoomIn,
            (_, "out") => CameraMove.ZoomOut,
            (_, "up") => CameraMove.TiltUp,
            (_, "down") => CameraMove.TiltDown,
            (_, "left") => CameraMove.PanLeft,
            _ => CameraMove.PanRight,
        };
    }
}
