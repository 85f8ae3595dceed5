namespace Seedance.Emulator.Media.Motion;

/// <summary>
/// One whole-pixel motion vector per macroblock: where, relative to itself, each 16x16 block of a frame copies its
/// picture from in the key frame. A uniform field pans; vectors growing from the centre zoom; vectors that change
/// sign from top to bottom approximate an orbit. Whole pixels keep the frames exactly predictable (the last frame
/// a provider returns is computed, not decoded), and integer luma vectors need no interpolation.
/// </summary>
internal sealed class MotionField
{
    /// <summary>How far a move goes over one shot, as a share of the picture: enough to see, never enough to empty it.</summary>
    private const double PanShare = 0.15;
    private const double ZoomInScale = 1.25;
    private const double ZoomOutScale = 0.8;

    private MotionField(H264Geometry geometry)
    {
        Geometry = geometry;
        X = new int[geometry.MacroblockCount];
        Y = new int[geometry.MacroblockCount];
    }

    public H264Geometry Geometry { get; }

    /// <summary>Per macroblock in raster order, in whole luma samples: positive is right.</summary>
    public int[] X { get; }

    /// <summary>Per macroblock in raster order, in whole luma samples: positive is down.</summary>
    public int[] Y { get; }

    public bool IsStill { get; private set; } = true;

    /// <summary>All vectors zero: every frame repeats its key frame.</summary>
    public static MotionField Still(H264Geometry geometry) => new(geometry);

    /// <param name="progress">0 at the shot's first frame, 1 at the end of the shot.</param>
    public static MotionField Of(CameraMove move, H264Geometry geometry, double progress)
    {
        var field = new MotionField(geometry);
        double halfWidth = geometry.Width / 2.0;
        double halfHeight = geometry.Height / 2.0;
        double scale = move switch
        {
            CameraMove.ZoomIn => 1 + ((ZoomInScale - 1) * progress),
            CameraMove.ZoomOut => 1 + ((ZoomOutScale - 1) * progress),
            _ => 1,
        };

        for (int row = 0; row < geometry.HeightInMacroblocks; row++)
        {
            for (int column = 0; column < geometry.WidthInMacroblocks; column++)
            {
                // The block's centre, from the picture's centre.
                double across = (column * 16) + 8 - halfWidth;
                double down = (row * 16) + 8 - halfHeight;
                (double x, double y) = move switch
                {
                    CameraMove.ZoomIn or CameraMove.ZoomOut => (across * ((1 / scale) - 1), down * ((1 / scale) - 1)),
                    CameraMove.PanLeft => (-PanShare * geometry.Width * progress, 0.0),
                    CameraMove.PanRight => (PanShare * geometry.Width * progress, 0.0),
                    CameraMove.TiltUp => (0.0, -PanShare * geometry.Height * progress),
                    CameraMove.TiltDown => (0.0, PanShare * geometry.Height * progress),
                    CameraMove.OrbitLeft => (-PanShare * geometry.Width * progress * down / halfHeight, 0.0),
                    CameraMove.OrbitRight => (PanShare * geometry.Width * progress * down / halfHeight, 0.0),
                    _ => (0.0, 0.0),
                };

                field.Set((row * geometry.WidthInMacroblocks) + column, (int)Math.Round(x), (int)Math.Round(y));
            }
        }

        return field;
    }

    /// <summary>
    /// This field less <paramref name="start"/>: the vectors from a later key frame that showed <paramref name="start"/>.
    /// The blocks of that key frame were themselves moved by different vectors, so this is close, not exact.
    /// </summary>
    public MotionField Since(MotionField start)
    {
        var field = new MotionField(Geometry);
        for (int i = 0; i < X.Length; i++)
        {
            field.Set(i, X[i] - start.X[i], Y[i] - start.Y[i]);
        }

        return field;
    }

    private void Set(int macroblock, int x, int y)
    {
        X[macroblock] = x;
        Y[macroblock] = y;
        IsStill &= x == 0 && y == 0;
    }
}
