using System.Globalization;

namespace BitcoinEvents.Domain.Results;

/// <summary>
/// Text as a person sees it. Characters that show nothing (white space, zero-width and other
/// format characters such as U+200B, fillers such as U+3164 or the blank braille pattern) don't
/// count: a title of only those is blank, and they are trimmed from both ends.
/// </summary>
public static class VisibleText
{
    /// <summary>The text without invisible characters at either end; null or "" when nothing visible is left.</summary>
    public static string? Trim(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var start = 0;
        var end = value.Length;
        while (start < end && IsInvisible(value[start]))
        {
            start++;
        }

        while (end > start && IsInvisible(value[end - 1]))
        {
            end--;
        }

        return start == 0 && end == value.Length ? value : value[start..end];
    }

    /// <summary>True when <paramref name="value"/> is null or shows nothing.</summary>
    public static bool IsBlank(string? value) => string.IsNullOrEmpty(Trim(value));

    /// <summary>True when every surrogate is half of a pair (the text can be stored and sent as UTF-8 unchanged).</summary>
    public static bool IsWellFormedUtf16(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsInvisible(char c) =>
        char.IsWhiteSpace(c)
        || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format
        || c is '\u034F' or '\u115F' or '\u1160' or '\u17B4' or '\u17B5' or '\u2800' or '\u3164' or '\uFFA0';
}
