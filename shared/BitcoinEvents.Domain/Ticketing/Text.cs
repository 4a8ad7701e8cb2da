using BitcoinEvents.Domain.Results;

namespace BitcoinEvents.Domain.Ticketing;

/// <summary>Text fields of ticketing: visible text only, bounded, no control characters.</summary>
internal static class Text
{
    public static string? Required(string? value, string field, int maxLength, List<FieldError> errors, bool multiline = false)
    {
        var text = VisibleText.Trim(value);
        if (string.IsNullOrEmpty(text))
        {
            errors.Add(new(field, TicketingErrors.Required));
            return null;
        }

        return Check(text, field, maxLength, errors, multiline);
    }

    public static string? Optional(string? value, string field, int maxLength, List<FieldError> errors, bool multiline = false)
    {
        var text = VisibleText.Trim(value);
        return string.IsNullOrEmpty(text) ? null : Check(text, field, maxLength, errors, multiline);
    }

    private static string? Check(string text, string field, int maxLength, List<FieldError> errors, bool multiline)
    {
        if (text.Length > maxLength)
        {
            errors.Add(new(field, $"must be at most {maxLength:N0} characters."));
            return null;
        }

        if (!VisibleText.IsWellFormedUtf16(text))
        {
            errors.Add(new(field, "is not valid Unicode text."));
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

/// <summary>Reasons shared by the ticketing rules.</summary>
public static class TicketingErrors
{
    public const string Required = "is required.";
}
