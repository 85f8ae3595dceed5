using Seedance.Emulator.Media.Motion;

namespace Seedance.Emulator.Media;

/// <summary>
/// Everything about a synthetic file that can be known before writing it: which frames are key frames, every
/// sample's size, how samples are grouped into chunks, where each chunk lands, the metadata boxes, and so the exact
/// length. Computing all of it up front is what lets the file be streamed with 'moov' first to a non-seekable output.
/// </summary>
internal sealed class SyntheticVideoLayout
{
    /// <summary>Each video sample is a NAL unit preceded by its length in this many bytes, as 'avcC' declares.</summary>
    public const int NalLengthPrefixLength = 4;

    /// <summary>Movie and video time units per frame: the timescale is 1000 x fps, so every duration is a whole number.</summary>
    public const int FrameDuration = 1000;

    /// <summary>A 'free' box cannot be shorter than its own header; smaller shortfalls go inside 'mdat'.</summary>
    private const int SmallestBoxLength = 8;

    private readonly byte[]?[] _builtSlices;
    private readonly List<Mp4Chunk> _chunks = new();
    private readonly List<Mp4Chunk> _videoChunks = new();
    private readonly List<Mp4Chunk> _audioChunks = new();

    private SyntheticVideoLayout(SyntheticVideoSpec spec, bool compact)
    {
        IsCompact = compact;
        FramesPerSecond = ValidateFrameRate(spec.FramesPerSecond);
        FrameCount = CountFrames(spec.DurationSeconds, FramesPerSecond);
        Seed = spec.Seed;
        var shots = spec.Shots.Count > 0 ? new List<VideoShot>(spec.Shots) : new List<VideoShot> { new() };
        if (compact)
        {
            // A compact video holds each shot's opening still, so every frame after a key frame is one skipped run.
            shots = shots.ConvertAll(shot => new VideoShot { Image = shot.Image, Caption = shot.Caption, Camera = CameraMove.Still });
        }

        Frames = new FramePlan(shots, FrameCount, KeyframeIntervalInFrames(spec.KeyframeIntervalSeconds, FramesPerSecond, FrameCount));

        Geometry = new H264Geometry(spec.Width, spec.Height);
        LevelIdc = H264Level.Choose(Geometry, FramesPerSecond);
        SequenceParameterSet = H264ParameterSets.BuildSequenceParameterSet(Geometry, LevelIdc, FramesPerSecond);
        PictureParameterSet = H264ParameterSets.BuildPictureParameterSet();
        Slices = new H264SliceWriter(Geometry);
        _builtSlices = new byte[FrameCount][];
        VideoSampleSizes = MeasureVideoSamples();

        HasAudio = spec.IncludeAudio;
        AudioSpecificConfig = ToneAac.BuildAudioSpecificConfig();
        AudioFrame = ToneAac.BuildToneFrame();
        AudioFrameCount = HasAudio ? CountAudioFrames() : 0;

        PlanChunks();
        long sampleBytes = SumChunkLengths();

        FileTypeBox = SyntheticMp4Boxes.BuildFileType();

        // Leave room for up to SmallestBoxLength - 1 bytes of padding inside 'mdat' without its header changing form.
        int mdatHeaderLength = Mp4BoxWriter.HeaderLengthFor(sampleBytes + SmallestBoxLength - 1);
        MovieBox = BuildMovieBox(mdatHeaderLength, sampleBytes);

        long naturalLength = FileTypeBox.Length + MovieBox.Length + mdatHeaderLength + sampleBytes;
        long shortfall = spec.PadToBytes is long target && target > naturalLength ? target - naturalLength : 0;
        MediaDataSlackLength = shortfall < SmallestBoxLength ? (int)shortfall : 0;
        FreeBoxLength = shortfall < SmallestBoxLength ? 0 : shortfall;
        MediaDataLength = mdatHeaderLength + sampleBytes + MediaDataSlackLength;
        TotalLength = naturalLength + shortfall;
    }

    /// <summary>
    /// Plans the video in full, or compact when <see cref="SyntheticVideoSpec.PadToBytes"/> asks for less than the
    /// full video's length: then the padding makes it exactly that long all the same. The full plan is kept when it
    /// fits, so it is made once.
    /// </summary>
    public static SyntheticVideoLayout Plan(SyntheticVideoSpec spec)
    {
        if (spec is null)
        {
            throw new ArgumentNullException(nameof(spec));
        }

        var full = new SyntheticVideoLayout(spec, compact: false);
        return spec.PadToBytes is long target && full.TotalLength > target ? new SyntheticVideoLayout(spec, compact: true) : full;
    }

    /// <summary>
    /// Made small for a length below the full video's: key frames are a grey mosaic of their picture (see
    /// <see cref="Pictures.FramePicture.Mosaic"/>) and the camera holds still.
    /// </summary>
    public bool IsCompact { get; }

    public int Seed { get; }

    public int FramesPerSecond { get; }

    public int FrameCount { get; }

    public FramePlan Frames { get; }

    public int VideoTimescale => FramesPerSecond * FrameDuration;

    /// <summary>Length of the presentation in <see cref="VideoTimescale"/> units, which is also the movie timescale.</summary>
    public long MovieDuration => (long)FrameCount * FrameDuration;

    public H264Geometry Geometry { get; }

    public int LevelIdc { get; }

    public byte[] SequenceParameterSet { get; }

    public byte[] PictureParameterSet { get; }

    public H264SliceWriter Slices { get; }

    /// <summary>Per frame: the NAL length prefix plus the NAL unit.</summary>
    public IReadOnlyList<int> VideoSampleSizes { get; }

    public bool HasAudio { get; }

    public byte[] AudioSpecificConfig { get; }

    public byte[] AudioFrame { get; }

    public int AudioFrameCount { get; }

    /// <summary>All chunks in file order, video and audio interleaved a second at a time.</summary>
    public IReadOnlyList<Mp4Chunk> Chunks => _chunks;

    public IReadOnlyList<Mp4Chunk> VideoChunks => _videoChunks;

    public IReadOnlyList<Mp4Chunk> AudioChunks => _audioChunks;

    public byte[] FileTypeBox { get; }

    public byte[] MovieBox { get; }

    /// <summary>Total length of the 'mdat' box, header and slack included.</summary>
    public long MediaDataLength { get; }

    /// <summary>Zero bytes after the last sample inside 'mdat', which no sample table refers to.</summary>
    public int MediaDataSlackLength { get; }

    /// <summary>Length of the trailing 'free' box, or 0 for none.</summary>
    public long FreeBoxLength { get; }

    public long TotalLength { get; }

    public bool IsKeyframe(int frame) => Frames.IsKeyframe(frame);

    /// <summary>
    /// The slice of a frame, built once when the layout is measured: every P slice, and a compact video's key frames.
    /// Null for a full key frame, whose raw samples are streamed as the file is written.
    /// </summary>
    public byte[]? BuiltSlice(int frame) => _builtSlices[frame];

    public long ChunkLength(Mp4Chunk chunk)
    {
        if (chunk.IsAudio)
        {
            return (long)chunk.SampleCount * AudioFrame.Length;
        }

        long length = 0;
        for (int sample = chunk.FirstSample; sample < chunk.FirstSample + chunk.SampleCount; sample++)
        {
            length += VideoSampleSizes[sample];
        }

        return length;
    }

    private static int ValidateFrameRate(int framesPerSecond)
    {
        if (framesPerSecond < 1 || framesPerSecond > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(SyntheticVideoSpec.FramesPerSecond), framesPerSecond, "Between 1 and 1000 frames per second.");
        }

        return framesPerSecond;
    }

    private static int CountFrames(double durationSeconds, int framesPerSecond)
    {
        // The 32-bit durations of 'mvhd', 'tkhd' and 'mdhd' (version 0) bound the length: about 49 hours at 24 fps.
        double frames = Math.Round(durationSeconds * framesPerSecond);
        if (double.IsNaN(durationSeconds) || frames < 1 || frames * FrameDuration > uint.MaxValue)
        {
            throw new ArgumentOutOfRangeException(
                nameof(SyntheticVideoSpec.DurationSeconds),
                durationSeconds,
                "The duration must cover at least one frame and fit the MP4 32-bit durations.");
        }

        return (int)frames;
    }

    private static int KeyframeIntervalInFrames(double intervalSeconds, int framesPerSecond, int frameCount)
    {
        if (double.IsNaN(intervalSeconds) || intervalSeconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(SyntheticVideoSpec.KeyframeIntervalSeconds), intervalSeconds, "Zero or a positive number of seconds.");
        }

        // An interval at least as long as the video means each shot's opening key frame is its only one.
        double frames = Math.Round(intervalSeconds * framesPerSecond);
        return intervalSeconds == 0 || frames >= frameCount ? 0 : Math.Max(1, (int)frames);
    }

    private int[] MeasureVideoSamples()
    {
        var sizes = new int[FrameCount];
        var pictures = IsCompact ? new KeyframePictures(this) : null;
        for (int frame = 0; frame < FrameCount; frame++)
        {
            byte[] slice;
            if (!IsKeyframe(frame))
            {
                slice = Slices.BuildPredictedSlice(Frames.MotionSinceKeyframe(frame, Geometry), Frames.FramesSinceKeyframe(frame));
            }
            else if (pictures is not null)
            {
                slice = Slices.BuildMosaicIdrSlice(Frames.KeyframeOrdinal(frame), pictures.At(frame));
            }
            else
            {
                // A full key frame's raw samples are streamed as the file is written; only its length is known now.
                sizes[frame] = NalLengthPrefixLength + Slices.IdrSliceLength(Frames.KeyframeOrdinal(frame));
                continue;
            }

            _builtSlices[frame] = slice;
            sizes[frame] = NalLengthPrefixLength + slice.Length;
        }

        return sizes;
    }

    /// <summary>Enough 1024-sample frames to cover the video; the audio track's edit list trims the excess.</summary>
    private int CountAudioFrames()
    {
        long samplesNeeded = (((long)FrameCount * ToneAac.SampleRate) + FramesPerSecond - 1) / FramesPerSecond;
        long frames = (samplesNeeded + ToneAac.SamplesPerFrame - 1) / ToneAac.SamplesPerFrame;
        if (frames * ToneAac.SamplesPerFrame > uint.MaxValue)
        {
            // The audio 'mdhd' duration counts 48 kHz samples in 32 bits: about 24 hours.
            throw new ArgumentOutOfRangeException(nameof(SyntheticVideoSpec.DurationSeconds), "Too long for a 48 kHz audio track.");
        }

        return (int)frames;
    }

    /// <summary>
    /// One chunk per track per second of media, video first: players reading the file in order find the audio
    /// near the video it plays with, without the per-frame overhead of finer interleaving.
    /// </summary>
    private void PlanChunks()
    {
        int seconds = (FrameCount + FramesPerSecond - 1) / FramesPerSecond;
        for (int second = 0; second < seconds; second++)
        {
            int firstFrame = second * FramesPerSecond;
            int endFrame = Math.Min(firstFrame + FramesPerSecond, FrameCount);
            var video = new Mp4Chunk(isAudio: false, firstFrame, endFrame - firstFrame);
            _chunks.Add(video);
            _videoChunks.Add(video);

            // The audio frames that start within this second.
            int firstAudioFrame = FirstAudioFrameAtOrAfter(second);
            int endAudioFrame = Math.Min(FirstAudioFrameAtOrAfter(second + 1), AudioFrameCount);
            if (endAudioFrame > firstAudioFrame)
            {
                var audio = new Mp4Chunk(isAudio: true, firstAudioFrame, endAudioFrame - firstAudioFrame);
                _chunks.Add(audio);
                _audioChunks.Add(audio);
            }
        }
    }

    private static int FirstAudioFrameAtOrAfter(int second) =>
        (int)((((long)second * ToneAac.SampleRate) + ToneAac.SamplesPerFrame - 1) / ToneAac.SamplesPerFrame);

    private long SumChunkLengths()
    {
        long total = 0;
        foreach (Mp4Chunk chunk in _chunks)
        {
            total += ChunkLength(chunk);
        }

        return total;
    }

    /// <summary>
    /// The chunk offsets inside 'moov' depend on the length of 'moov' itself, which depends only on whether they are
    /// 32- or 64-bit. So: measure with 32-bit offsets, switch to 64-bit if the data would end beyond 4 GiB, then
    /// build once more with the real offsets.
    /// </summary>
    private byte[] BuildMovieBox(int mdatHeaderLength, long sampleBytes)
    {
        bool use64BitOffsets = false;
        long firstSampleOffset = FileTypeBox.Length + MeasureMovieBox(use64BitOffsets) + mdatHeaderLength;
        if (firstSampleOffset + sampleBytes > uint.MaxValue)
        {
            use64BitOffsets = true;
            firstSampleOffset = FileTypeBox.Length + MeasureMovieBox(use64BitOffsets) + mdatHeaderLength;
        }

        var (video, audio) = LocateChunks(firstSampleOffset);
        return SyntheticMp4Boxes.BuildMovie(this, video, audio, use64BitOffsets);
    }

    private int MeasureMovieBox(bool use64BitOffsets)
    {
        var (video, audio) = LocateChunks(0);
        return SyntheticMp4Boxes.BuildMovie(this, video, audio, use64BitOffsets).Length;
    }

    /// <summary>File offsets of every chunk, given where the first sample lands, split by track.</summary>
    private (List<long> Video, List<long> Audio) LocateChunks(long firstSampleOffset)
    {
        var video = new List<long>(_videoChunks.Count);
        var audio = new List<long>(_audioChunks.Count);
        long position = firstSampleOffset;
        foreach (Mp4Chunk chunk in _chunks)
        {
            (chunk.IsAudio ? audio : video).Add(position);
            position += ChunkLength(chunk);
        }

        return (video, audio);
    }
}
