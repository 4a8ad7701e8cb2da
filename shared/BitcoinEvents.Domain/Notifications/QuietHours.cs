using System.Globalization;
using BitcoinEvents.Domain.Places;
using NodaTime;
using NodaTime.Text;
using NodaTime.TimeZones;

namespace BitcoinEvents.Domain.Notifications;

/// <summary>
/// A daily window, in the recipient's time zone, when SMS and push wait (email does not ring).
/// <see cref="Start"/> after <see cref="End"/> spans midnight (22:00–07:00); equal times are refused.
/// </summary>
public sealed record QuietHours(LocalTime Start, LocalTime End, string TimeZone)
{
    private static readonly LocalTimePattern Pattern = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    /// <summary>"HH:mm" (24-hour).</summary>
    public static string Format(LocalTime time) => Pattern.Format(time);

    /// <summary>Parses "HH:mm"; false for anything else (seconds, 24:00, "7:00").</summary>
    public static bool TryParseTime(string? text, out LocalTime time)
    {
        time = default;
        if (text is null || text.Length != 5)
        {
            return false;
        }

        var result = Pattern.Parse(text);
        if (!result.Success)
        {
            return false;
        }

        time = result.Value;
        return true;
    }

    /// <summary>True when <paramref name="instant"/> falls inside the window, in the window's zone.</summary>
    public bool IsQuietAt(DateTimeOffset instant)
    {
        var local = Local(instant).TimeOfDay;
        return Start < End
            ? local >= Start && local < End
            : local >= Start || local < End;
    }

    /// <summary>The first instant at or after <paramref name="instant"/> that is outside the window (itself when not quiet).</summary>
    public DateTimeOffset EndAfter(DateTimeOffset instant)
    {
        if (!IsQuietAt(instant))
        {
            return instant;
        }

        var local = Local(instant);
        // Past midnight's start (22:00–07:00 at 23:10) the window ends tomorrow; otherwise today.
        var endDate = Start > End && local.TimeOfDay >= Start ? local.Date.PlusDays(1) : local.Date;

        // An end in a gap (spring forward) moves later by the gap's length; in an overlap it is the earlier instant.
        var end = Zone.ResolveLocal(endDate.At(End), Resolvers.LenientResolver);
        return end.ToDateTimeOffset();
    }

    private DateTimeZone Zone => DateTimeZoneProviders.Tzdb[TimeZone];

    private ZonedDateTime Local(DateTimeOffset instant) => Instant.FromDateTimeOffset(instant).InZone(Zone);

    /// <summary>Validates the API's form (start, end "HH:mm"; an IANA zone): the quiet hours, or the refused fields under <paramref name="field"/>.</summary>
    public static QuietHours? Parse(string? start, string? end, string? timeZone, string field, List<Results.FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Count;
        if (!TryParseTime(start, out var s))
        {
            errors.Add(new(field + ".start", "must be a time of day as HH:mm (24-hour), such as '22:00'."));
        }

        if (!TryParseTime(end, out var e))
        {
            errors.Add(new(field + ".end", "must be a time of day as HH:mm (24-hour), such as '07:30'."));
        }

        if (!TimeZoneIds.IsKnown(timeZone))
        {
            errors.Add(new(field + ".timeZone", "must be an IANA time zone, such as 'Europe/Lisbon'."));
        }

        if (errors.Count > before)
        {
            return null;
        }

        if (s == e)
        {
            errors.Add(new(field + ".end", string.Create(CultureInfo.InvariantCulture, $"must differ from start ({Format(s)}): quiet hours need a length.")));
            return null;
        }

        return new QuietHours(s, e, timeZone!);
    }
}
