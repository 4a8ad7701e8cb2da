namespace BitcoinEvents.Domain.Results;

/// <summary>
/// The rules every free-text field of the domain follows: trimmed of invisible characters (<see cref="VisibleText"/>),
/// bounded, well-formed UTF-16, and no control characters (a multiline field may hold line breaks and tabs).
/// Each returns the normalised text, or null after adding the field's reason to <c>errors</c>.
/// </summary>
internal static class TextFields
{
    public const string RequiredReason = "is required.";

    /// <summary>A field that must show something.</summary>
    /// <param name="notUnicodeReason">The reason given for text with a lone surrogate: events and ticketing have published different words.</param>
    public static string? Required(string? value, string field, int maxLength, List<FieldError> errors, bool multiline, string notUnicodeReason)
    {
        var text = VisibleText.Trim(value);
        if (string.IsNullOrEmpty(text))
        {
            errors.Add(new(field, RequiredReason));
            return null;
        }

        return Check(text, field, maxLength, errors, multiline, notUnicodeReason);
    }

    /// <summary>A field that may be left out: blank text is null, not an error.</summary>
    /// <param name="notUnicodeReason">The reason given for text with a lone surrogate: events and ticketing have published different words.</param>
    public static string? Optional(string? value, string field, int maxLength, List<FieldError> errors, bool multiline, string notUnicodeReason)
    {
        var text = VisibleText.Trim(value);
        return string.IsNullOrEmpty(text) ? null : Check(text, field, maxLength, errors, multiline, notUnicodeReason);
    }

    private static string? Check(string text, string field, int maxLength, List<FieldError> errors, bool multiline, string notUnicodeReason)
    {
        if (text.Length > maxLength)
        {
            errors.Add(new(field, $"must be at most {maxLength:N0} characters."));
            return null;
        }

        if (!VisibleText.IsWellFormedUtf16(text))
        {
            errors.Add(new(field, notUnicodeReason));
            return null;
        }

        foreach (var c in text)
        {
            if (char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t'))
            {
                errors.Add(new(field, multiline ? "must not contain control characters other than line breaks and tabs." : "must be a single line without control characters."));
                return null;
            }
        }

        return text;
    }
}
