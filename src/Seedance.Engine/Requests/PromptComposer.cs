using System.Globalization;
using System.Text;

namespace Seedance.Requests;

/// <summary>Builds the prompt sent to the model from the user's prompt and shot list, and estimates its length.</summary>
public static class PromptComposer
{
    /// <summary>Seedance 2.0 reads up to three shots per request.</summary>
    public const int MaxShots = 3;

    /// <summary>The limit for one prompt that AI/ML API's Seedance guide and WaveSpeed's model page give.</summary>
    public const int MaxPromptTokens = 1500;

    /// <summary>"prompt\nShot 1: ...\nShot 2: ..." — the multi-shot form the model is prompted with.</summary>
    public static string? Compose(string? prompt, IList<string> shots)
    {
        if (shots.Count == 0)
        {
            return string.IsNullOrWhiteSpace(prompt) ? null : prompt!.Trim();
        }

        var builder = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(prompt))
        {
            builder.Append(prompt!.Trim()).Append('\n');
        }

        for (var i = 0; i < shots.Count; i++)
        {
            builder.Append("Shot ").Append(i + 1).Append(": ").Append(shots[i].Trim());
            if (i < shots.Count - 1)
            {
                builder.Append('\n');
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// The first character of <paramref name="text"/> that shows, or null when none does: text of nothing but spaces,
    /// control characters, format characters (zero-width space and joiners, BOM) and combining marks reads as empty
    /// to a person and carries nothing for the model to follow.
    /// </summary>
    public static char? FirstVisible(string text)
    {
        foreach (var character in text)
        {
            var invisible = char.IsWhiteSpace(character) || char.GetUnicodeCategory(character) is UnicodeCategory.Control
                or UnicodeCategory.Format or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark;
            if (!invisible)
            {
                return character;
            }
        }

        return null;
    }

    /// <summary>
    /// An estimate of the model's token count without its tokenizer: about four characters a token for
    /// alphabetic text, one token per CJK character. Good enough to catch prompts far over the limit.
    /// </summary>
    public static int EstimateTokens(string text)
    {
        var latinCharacters = 0;
        var wideCharacters = 0;
        foreach (var character in text)
        {
            if (character >= 0x2E80)
            {
                wideCharacters++;
            }
            else
            {
                latinCharacters++;
            }
        }

        return wideCharacters + (latinCharacters + 3) / 4;
    }
}
