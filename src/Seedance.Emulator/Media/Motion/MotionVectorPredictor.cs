namespace Seedance.Emulator.Media.Motion;

/// <summary>
/// The motion vector a decoder predicts for a 16x16 macroblock from its neighbours (H.264 clause 8.4.1.3), for a
/// picture in which every macroblock is P_L0_16x16 with reference index 0: the median of the left (A), upper (B)
/// and upper-right (C, or upper-left D where C lies outside) vectors, where a neighbour outside the picture counts
/// as vector zero with no reference, and only the first row, which has just A, takes A as it is.
/// </summary>
internal sealed class MotionVectorPredictor
{
    private readonly H264Geometry _geometry;
    private readonly int[] _x;
    private readonly int[] _y;

    public MotionVectorPredictor(H264Geometry geometry)
    {
        _geometry = geometry;
        _x = new int[geometry.MacroblockCount];
        _y = new int[geometry.MacroblockCount];
    }

    /// <summary>Stores the vector of a macroblock just coded, in quarter samples.</summary>
    public void Record(int macroblock, int x, int y)
    {
        _x[macroblock] = x;
        _y[macroblock] = y;
    }

    /// <summary>The predicted vector of <paramref name="macroblock"/>, in quarter samples; every earlier one is recorded.</summary>
    public (int X, int Y) Predict(int macroblock)
    {
        int width = _geometry.WidthInMacroblocks;
        int column = macroblock % width;
        int row = macroblock / width;
        int? left = column > 0 ? macroblock - 1 : null;
        if (row == 0)
        {
            // B and C (and D) lie outside: they take A's vector and reference, so the median is A, or zero without it.
            return left is int a ? (_x[a], _y[a]) : (0, 0);
        }

        int above = macroblock - width;
        int? corner = column + 1 < width ? above + 1 : left is not null ? above - 1 : null;

        // Exactly one neighbour with reference 0 gives its vector; two or three give the median (absent ones are 0).
        int present = 1 + (left is null ? 0 : 1) + (corner is null ? 0 : 1);
        if (present == 1)
        {
            return (_x[above], _y[above]);
        }

        return (
            Median(left is int ax ? _x[ax] : 0, _x[above], corner is int cx ? _x[cx] : 0),
            Median(left is int ay ? _y[ay] : 0, _y[above], corner is int cy ? _y[cy] : 0));
    }

    private static int Median(int a, int b, int c) => Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));
}
