using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Seedance.Requests;

/// <summary>Builds the prompt sent to the model from the user's prompt and shot list, and estimates its length.</summary>
public static class PromptComposer
{
    /// <summary>Seedance 2.0 reads up to three shots per request.</summary>
    public const int MaxShots = 3;

    /// <summary>The limit for one prompt that AI/ML API's Seedance guide and WaveSpeed's model page give.</summary>
    public const int MaxPromptTokens = 1500;

    /// <summary>A label the user typed before a shot ("Shot 2:", "镜头2："), which the composer writes itself.</summary>
    private static readonly Regex OwnLabel = new(@"^(shot\s*\d+\s*[:：.\-–]|镜头\s*\d+\s*[:：]?)\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>A time range or point at a shot's start: "0-3s:", "[00:03-00:06]", "3秒：".</summary>
    private static readonly Regex Time = new(@"^[\[(]?\s*\d{1,2}(:\d{2})?\s*(s|sec|秒)?(\s*[-–~至到]\s*\d{1,2}(:\d{2})?\s*(s|sec|秒)?)?\s*[\])]?\s*[:：]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>
    /// The prompt, then one labelled line per shot, as ByteDance's Seedance 2.0 prompt guide writes a multi-shot
    /// prompt: "Shot 1: …", or 镜头1：… when the text is Chinese (the guide's own language, which the model reads
    /// best). Labels and order, not timecodes: 2.0 does not hold to timestamps. A label the user already typed is
    /// not written twice.
    /// </summary>
    public static string? Compose(string? prompt, IList<string> shots)
    {
        if (shots.Count == 0)
        {
            return string.IsNullOrWhiteSpace(prompt) ? null : prompt!.Trim();
        }

        var chinese = IsMostlyChinese((prompt ?? string.Empty) + string.Concat(shots));
        var builder = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(prompt))
        {
            builder.Append(prompt!.Trim()).Append('\n');
        }

        for (var i = 0; i < shots.Count; i++)
        {
            builder.Append(chinese ? $"镜头{i + 1}：" : $"Shot {i + 1}: ").Append(OwnLabel.Replace(shots[i].Trim(), string.Empty));
            if (i < shots.Count - 1)
            {
                builder.Append('\n');
            }
        }

        return builder.ToString();
    }

    /// <summary>The time a shot starts with ("0-3s"), without its colon; null when it starts with none.</summary>
    public static string? LeadingTime(string shot)
    {
        var match = Time.Match(OwnLabel.Replace(shot.Trim(), string.Empty));
        return match.Success ? match.Value.TrimEnd(':', '：', ' ') : null;
    }

    /// <summary>More CJK ideographs than Latin letters.</summary>
    private static bool IsMostlyChinese(string text)
    {
        var ideographs = text.Count(character => character is >= '\u4E00' and <= '\u9FFF');
        var letters = text.Count(character => character is >= 'A' and <= 'Z' or >= 'a' and <= 'z');
        return ideographs > letters;
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
