using Seedance.Emulator.Media.Pictures;

namespace Seedance.Emulator.Media;

/// <summary>
/// The pictures of a video's key frames, made as they are needed: a shot's opening picture (its image scaled to
/// fit, a card, or the seeded pattern), and at a later key frame within the shot the previous key frame moved on
/// as the shot's vectors move it, so what follows predicts from what the viewer sees. A compact video's pictures are
/// mosaics, as its key frames code them.
/// </summary>
internal sealed class KeyframePictures
{
    private readonly SyntheticVideoLayout _layout;
    private int _frame = -1;
    private FramePicture? _picture;

    public KeyframePictures(SyntheticVideoLayout layout)
    {
        _layout = layout;
    }

    /// <summary>The picture of key frame <paramref name="frame"/>; the last one made is kept for the next.</summary>
    public FramePicture At(int frame)
    {
        if (frame == _frame && _picture is not null)
        {
            return _picture;
        }

        FramePlan plan = _layout.Frames;
        FramePicture picture;
        if (plan.OpensShot(frame))
        {
            picture = Opening(plan.ShotOf(frame));
        }
        else
        {
            int previous = plan.PreviousKeyframe(frame);
            picture = At(previous).Moved(plan.MotionBetween(previous, frame, _layout.Geometry));
        }

        _frame = frame;
        _picture = picture;
        return picture;
    }

    /// <summary>Any frame, as a decoder shows it.</summary>
    public FramePicture Decoded(int frame)
    {
        FramePlan plan = _layout.Frames;
        FramePicture keyframe = At(frame - plan.FramesSinceKeyframe(frame));
        return plan.IsKeyframe(frame) ? keyframe : keyframe.Moved(plan.MotionSinceKeyframe(frame, _layout.Geometry));
    }

    private FramePicture Opening(VideoShot shot)
    {
        RgbImage? image = shot.Image is { } file ? RgbImage.Decode(file) : null;
        if (image is null && shot.Caption is { } caption)
        {
            image = TitleCard.Draw(caption, _layout.Geometry.Width, _layout.Geometry.Height, _layout.Seed);
        }

        var picture = image is null ? FramePicture.Of(new TestPattern(_layout.Seed, 0), _layout.Geometry) : FramePicture.Of(image, _layout.Geometry);
        return _layout.IsCompact ? picture.Mosaic() : picture;
    }
}
