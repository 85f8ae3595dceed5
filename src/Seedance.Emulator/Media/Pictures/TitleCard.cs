namespace Seedance.Emulator.Media.Pictures;

/// <summary>
/// The opening picture of a shot that has no image the emulator can show (text-to-video, or an image it cannot
/// fetch or decode): the prompt's first words in white capitals over the video's seeded pattern, dimmed.
/// </summary>
internal static class TitleCard
{
    private const int MaxWords = 4;
    private const int MaxLineLength = 14;
    private const double Dimming = 0.45;

    public static RgbImage Draw(string text, int width, int height, int seed)
    {
        var card = new RgbImage(width, height);
        var pattern = new TestPattern(seed, 0);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int at = ((y * width) + x) * 3;
                VideoRange.ToRgb(pattern.Luma(x, y), pattern.Blue(x / 2, y / 2), pattern.Red(x / 2, y / 2), card.Pixels, at);
                for (int channel = 0; channel < 3; channel++)
                {
                    card.Pixels[at + channel] = (byte)(card.Pixels[at + channel] * Dimming);
                }
            }
        }

        var lines = Lines(text);
        int longest = Math.Max(1, lines.Max(line => line.Length));
        int scale = Math.Max(1, Math.Min(width * 85 / 100 / (longest * BitmapFont.Advance), height * 60 / 100 / (lines.Count * (BitmapFont.GlyphHeight + 2))));
        int lineHeight = (BitmapFont.GlyphHeight + 2) * scale;
        int top = (height - (lines.Count * lineHeight) + (2 * scale)) / 2;
        foreach (string line in lines)
        {
            int left = (width - BitmapFont.WidthOf(line, scale)) / 2;
            BitmapFont.Draw(card, line, left, top, scale, 245, 245, 245);
            top += lineHeight;
        }

        return card;
    }

    /// <summary>The first few words the font can draw, broken into at most two lines.</summary>
    private static List<string> Lines(string text)
    {
        var drawable = new string(text.Select(character => BitmapFont.Draws(character) ? character : ' ').ToArray());
        var words = drawable.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries).Take(MaxWords)
            .Select(word => word.Length > MaxLineLength ? word.Substring(0, MaxLineLength) : word).ToList();
        var lines = new List<string> { string.Empty };
        foreach (string word in words)
        {
            string current = lines[lines.Count - 1];
            if (current.Length == 0 || current.Length + 1 + word.Length <= MaxLineLength)
            {
                lines[lines.Count - 1] = current.Length == 0 ? word : current + " " + word;
            }
            else if (lines.Count < 2)
            {
                lines.Add(word);
            }
        }

        return lines;
    }
}
