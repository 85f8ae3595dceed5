namespace Seedance.Emulator.Media;

/// <summary>
/// The coded picture behind a requested frame size: H.264 codes whole 16x16 macroblocks, so the picture is rounded
/// up to them and the SPS crops the excess off the right and bottom edges.
/// </summary>
internal sealed class H264Geometry
{
    public H264Geometry(int width, int height)
    {
        // 4:2:0 chroma makes the crop step two luma samples, so an odd size cannot be signalled.
        if (width < 2 || width % 2 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(width), width, "H.264 4:2:0 video needs a positive, even width.");
        }

        if (height < 2 || height % 2 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(height), height, "H.264 4:2:0 video needs a positive, even height.");
        }

        Width = width;
        Height = height;
        WidthInMacroblocks = (width + 15) / 16;
        HeightInMacroblocks = (height + 15) / 16;
    }

    public int Width { get; }

    public int Height { get; }

    public int WidthInMacroblocks { get; }

    public int HeightInMacroblocks { get; }

    public int MacroblockCount => WidthInMacroblocks * HeightInMacroblocks;

    public int CodedWidth => WidthInMacroblocks * 16;

    public int CodedHeight => HeightInMacroblocks * 16;

    public bool NeedsCropping => CodedWidth != Width || CodedHeight != Height;

    /// <summary>frame_crop_right_offset, in the two-sample crop units of 4:2:0 frame coding.</summary>
    public int CropRightUnits => (CodedWidth - Width) / 2;

    /// <summary>frame_crop_bottom_offset, in the two-line crop units of 4:2:0 frame coding.</summary>
    public int CropBottomUnits => (CodedHeight - Height) / 2;
}
