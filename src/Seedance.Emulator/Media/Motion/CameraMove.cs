namespace Seedance.Emulator.Media.Motion;

/// <summary>How the camera moves through one shot of an emulated video, as a prompt's camera words ask.</summary>
public enum CameraMove
{
    /// <summary>The opening picture holds ("camera fixed", or a prompt that names no move).</summary>
    Still,

    /// <summary>The picture grows about its centre ("zoom in", "dolly in", "push in").</summary>
    ZoomIn,

    /// <summary>The picture shrinks about its centre ("zoom out", "dolly out", "pull out").</summary>
    ZoomOut,

    /// <summary>The camera turns left, so the picture slides right ("pan left", "dolly left", "truck left").</summary>
    PanLeft,

    /// <summary>The camera turns right, so the picture slides left ("pan right", "dolly right", "truck right").</summary>
    PanRight,

    /// <summary>The camera tilts up, so the picture slides down ("tilt up").</summary>
    TiltUp,

    /// <summary>The camera tilts down, so the picture slides up ("tilt down").</summary>
    TiltDown,

    /// <summary>The camera circles left round the subject: the top of the picture slides left, the bottom right ("orbit left").</summary>
    OrbitLeft,

    /// <summary>The camera circles right round the subject: the top of the picture slides right, the bottom left ("orbit", "orbital").</summary>
    OrbitRight,
}
