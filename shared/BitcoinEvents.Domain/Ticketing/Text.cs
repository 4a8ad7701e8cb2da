using BitcoinEvents.Domain.Results;

namespace BitcoinEvents.Domain.Ticketing;

/// <summary>Text fields of ticketing: the domain's <see cref="TextFields"/> rules, with ticketing's published reasons.</summary>
internal static class Text
{
    private const string NotUnicode = "is not valid Unicode text.";

    public static string? Required(string? value, string field, int maxLength, List<FieldError> errors, bool multiline = false) =>
        TextFields.Required(value, field, maxLength, errors, multiline, NotUnicode);

    public static string? Optional(string? value, string field, int maxLength, List<FieldError> errors, bool multiline = false) =>
        TextFields.Optional(value, field, maxLength, errors, multiline, NotUnicode);
}

/// <summary>Reasons shared by the ticketing rules.</summary>
public static class TicketingErrors
{
    public const string Required = TextFields.RequiredReason;
}
