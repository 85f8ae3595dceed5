using Seedance.Emulator.Media.Motion;

namespace Seedance.Emulator.Media;

/// <summary>
/// Where each frame of a synthetic video sits: in which shot, how far into it, and which key frame it is predicted
/// from. Shots share the frames equally; each opens on a key frame, and a long shot gets more of them.
/// </summary>
internal sealed class FramePlan
{
    private readonly IReadOnlyList<VideoShot> _shots;
    private readonly int[] _shotStarts;
    private readonly int[] _shotOf;
    private readonly int[] _keyframeOrdinal;
    private readonly int _keyframeInterval;
    private MotionField? _still;

    /// <param name="keyframeInterval">Frames from one key frame to the next within a shot; 0 for shot openings only.</param>
    public FramePlan(IReadOnlyList<VideoShot> shots, int frameCount, int keyframeInterval)
    {
        // Shots that would get no frame at all (more shots than frames) are left out.
        var kept = new List<VideoShot>();
        var starts = new List<int>();
        for (int shot = 0; shot < shots.Count; shot++)
        {
            int start = (int)((long)shot * frameCount / shots.Count);
            int end = (int)((long)(shot + 1) * frameCount / shots.Count);
            if (end > start)
            {
                kept.Add(shots[shot]);
                starts.Add(start);
            }
        }

        _shots = kept;
        starts.Add(frameCount);
        _shotStarts = starts.ToArray();
        _keyframeInterval = Math.Min(keyframeInterval > 0 ? keyframeInterval : int.MaxValue, H264ParameterSets.MaxFramesPerKeyframe);

        FrameCount = frameCount;
        _shotOf = new int[frameCount];
        _keyframeOrdinal = new int[frameCount];
        int keyframes = 0;
        for (int shot = 0; shot < _shots.Count; shot++)
        {
            for (int frame = _shotStarts[shot]; frame < _shotStarts[shot + 1]; frame++)
            {
                _shotOf[frame] = shot;
                _keyframeOrdinal[frame] = IsKeyframe(frame) ? keyframes++ : -1;
            }
        }
    }

    public int FrameCount { get; }

    public int ShotCount => _shots.Count;

    public VideoShot ShotOf(int frame) => _shots[_shotOf[frame]];

    public bool IsKeyframe(int frame) => FrameInShot(frame) % _keyframeInterval == 0;

    /// <summary>Counts key frames from the start of the video; consecutive IDR pictures need different ids.</summary>
    public int KeyframeOrdinal(int frame) => _keyframeOrdinal[frame];

    /// <summary>Frames since the key frame this one is predicted from (0 for a key frame).</summary>
    public int FramesSinceKeyframe(int frame) => FrameInShot(frame) % _keyframeInterval;

    public bool OpensShot(int frame) => FrameInShot(frame) == 0;

    /// <summary>The key frame before <paramref name="keyframe"/> in the same shot; not for a shot's opening.</summary>
    public int PreviousKeyframe(int keyframe) => keyframe - _keyframeInterval;

    /// <summary>The vectors from the frame's key frame to the frame.</summary>
    public MotionField MotionSinceKeyframe(int frame, H264Geometry geometry) =>
        MotionBetween(frame - FramesSinceKeyframe(frame), frame, geometry);

    /// <summary>
    /// The vectors from frame <paramref name="from"/> to frame <paramref name="to"/> of the same shot: the difference
    /// of their vectors from the opening, which is what a key frame showing <paramref name="from"/> needs.
    /// </summary>
    public MotionField MotionBetween(int from, int to, H264Geometry geometry)
    {
        // One shared field for still shots, so holding a picture costs no memory per frame.
        if (ShotOf(to).Camera == CameraMove.Still)
        {
            return _still ??= MotionField.Still(geometry);
        }

        var motion = MotionAt(to, geometry);
        return FrameInShot(from) == 0 ? motion : motion.Since(MotionAt(from, geometry));
    }

    private MotionField MotionAt(int frame, H264Geometry geometry)
    {
        int shot = _shotOf[frame];
        double progress = FrameInShot(frame) / (double)(_shotStarts[shot + 1] - _shotStarts[shot]);
        return MotionField.Of(_shots[shot].Camera, geometry, progress);
    }

    private int FrameInShot(int frame) => frame - _shotStarts[_shotOf[frame]];
}
