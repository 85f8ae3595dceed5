namespace Seedance.Providers;

/// <summary>What a model does with the images given to -Image.</summary>
public enum ImageUse
{
    /// <summary>Text to video: the model takes no image.</summary>
    None,
    /// <summary>The image is the first frame of the video.</summary>
    FirstFrame,
    /// <summary>The images are references the prompt can point at (@Image1...); the first usually opens the video.</summary>
    References,
    /// <summary>One image is the first frame; several are references.</summary>
    FirstFrameOrReferences,
}
