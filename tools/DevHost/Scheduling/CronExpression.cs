using System.Globalization;
using CronosExpression = Cronos.CronExpression;

namespace BitcoinEvents.DevHost.Scheduling;

/// <summary>
/// The six-field EventBridge cron: minutes (0-59), hours (0-23), day-of-month (1-31, <c>? L W</c>),
/// month (1-12 or JAN-DEC), day-of-week (1-7 or SUN-SAT with SUN = 1, <c>? L #</c>) and year
/// (1970-2199); <c>, - * /</c> everywhere; exactly one of the two day fields is <c>?</c>. A range
/// may wrap (<c>20-2</c> in hours is 20:00 to 02:59). Evaluated in UTC.
/// </summary>
/// <remarks>
/// Cronos evaluates the first five fields. What it reads differently is translated here: its
/// day-of-week counts 0-7 with both 0 and 7 meaning Sunday (so steps and wrapping ranges over
/// EventBridge's 1-7 would land on the wrong days: plain lists are expanded into explicit days),
/// <c>L</c> alone is EventBridge's Saturday, and it has no year field (kept here as a set of years).
/// </remarks>
internal sealed class CronExpression : ScheduleExpression
{
    private const int FirstYear = 1970;
    private const int LastYear = 2199;

    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    private readonly CronosExpression _daysAndTimes;
    private readonly SortedSet<int> _years;

    private CronExpression(string text, CronosExpression daysAndTimes, SortedSet<int> years)
        : base(text)
    {
        _daysAndTimes = daysAndTimes;
        _years = years;
    }

    public override DateTimeOffset? NextAfter(DateTimeOffset previous)
    {
        var next = _daysAndTimes.GetNextOccurrence(previous.UtcDateTime, inclusive: false);
        while (next is { } candidate && candidate.Year <= LastYear)
        {
            if (_years.Contains(candidate.Year))
            {
                return new DateTimeOffset(candidate, TimeSpan.Zero);
            }

            // Cronos knows no years: start again on the first of January of the next year listed.
            var nextYear = _years.FirstOrDefault(year => year > candidate.Year);
            if (nextYear == 0)
            {
                return null;
            }

            next = _daysAndTimes.GetNextOccurrence(new DateTime(nextYear, 1, 1, 0, 0, 0, DateTimeKind.Utc), inclusive: true);
        }

        return null;
    }

    internal static CronExpression ParseBody(string text, string body)
    {
        var fields = body.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 6)
        {
            throw new FormatException(
                $"'{text}': cron needs six fields (minutes hours day-of-month month day-of-week year), found {fields.Length}.");
        }

        var (minutes, hours, dayOfMonth, month, dayOfWeek, year) = (fields[0], fields[1], fields[2], fields[3], fields[4], fields[5]);
        if ((dayOfMonth == "?") == (dayOfWeek == "?"))
        {
            throw new FormatException($"'{text}': exactly one of day-of-month and day-of-week must be '?'.");
        }

        if (new[] { minutes, hours, dayOfMonth, month }.Any(f => f.Contains('H', StringComparison.OrdinalIgnoreCase)))
        {
            // Cronos reads H as a random ("hashed") value; EventBridge has no such thing.
            throw new FormatException($"'{text}': 'H' is not an EventBridge cron character.");
        }

        var daysOfWeek = dayOfWeek == "?" ? "*" : TranslateDayOfWeek(text, dayOfWeek);
        var years = Expand(text, "year", year, FirstYear, LastYear, names: null, wraps: false);
        try
        {
            var daysAndTimes = CronosExpression.Parse(
                $"{minutes} {hours} {(dayOfMonth == "?" ? "*" : dayOfMonth)} {month} {daysOfWeek}", Cronos.CronFormat.Standard);
            return new CronExpression(text, daysAndTimes, years);
        }
        catch (Cronos.CronFormatException e)
        {
            throw new FormatException($"'{text}': {e.Message}", e);
        }
    }

    /// <summary>
    /// EventBridge's day-of-week (1 = SUN … 7 = SAT) as Cronos reads it (0 = SUN … 6 = SAT):
    /// <c>L</c> is Saturday, <c>dL</c> and <c>d#n</c> keep their form, and any other list is
    /// expanded into its days.
    /// </summary>
    private static string TranslateDayOfWeek(string text, string field)
    {
        if (field == "L")
        {
            return "6";
        }

        var hash = field.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            if (field.Contains(',', StringComparison.Ordinal))
            {
                throw new FormatException($"'{text}': with '#' the day-of-week field holds one expression only.");
            }

            var weekday = Value(text, "day-of-week", field[..hash], 1, 7, DayNames);
            return $"{weekday - 1}#{field[(hash + 1)..]}";
        }

        if (field.Length > 1 && field.EndsWith('L'))
        {
            var weekday = Value(text, "day-of-week", field[..^1], 1, 7, DayNames);
            return $"{weekday - 1}L";
        }

        var days = Expand(text, "day-of-week", field, 1, 7, DayNames, wraps: true);
        return string.Join(',', days.Select(day => (day - 1).ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>The values of a comma list of <c>*</c>, <c>n</c>, <c>a-b</c> (may wrap), each optionally <c>/step</c>.</summary>
    private static SortedSet<int> Expand(string text, string name, string field, int min, int max, string[]? names, bool wraps)
    {
        var values = new SortedSet<int>();
        foreach (var item in field.Split(','))
        {
            var slash = item.IndexOf('/', StringComparison.Ordinal);
            var range = slash >= 0 ? item[..slash] : item;
            var step = slash >= 0 ? Value(text, name, item[(slash + 1)..], 1, max - min + 1, names: null) : 1;

            int from, to;
            if (range == "*")
            {
                (from, to) = (min, max);
            }
            else if (range.IndexOf('-', StringComparison.Ordinal) is var dash and >= 0)
            {
                (from, to) = (Value(text, name, range[..dash], min, max, names), Value(text, name, range[(dash + 1)..], min, max, names));
            }
            else
            {
                from = Value(text, name, range, min, max, names);
                to = slash >= 0 ? max : from;
            }

            if (to < from && !wraps)
            {
                throw new FormatException($"'{text}': the {name} range '{range}' runs backwards.");
            }

            var span = to >= from ? to - from : to + (max - min + 1) - from;
            for (var offset = 0; offset <= span; offset += step)
            {
                var value = from + offset;
                values.Add(value > max ? value - (max - min + 1) : value);
            }
        }

        return values;
    }

    private static int Value(string text, string name, string value, int min, int max, string[]? names)
    {
        if (names is not null
            && Array.FindIndex(names, n => string.Equals(n, value, StringComparison.OrdinalIgnoreCase)) is var index and >= 0)
        {
            return min + index;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
        {
            return number;
        }

        throw new FormatException($"'{text}': '{value}' is not a valid {name} value ({min}-{max}).");
    }
}
