using System.Globalization;

namespace BitcoinEvents.DevHost.Scheduling;

/// <summary>
/// The six-field EventBridge cron: minutes (0-59), hours (0-23), day-of-month (1-31, <c>? L W</c>),
/// month (1-12 or JAN-DEC), day-of-week (1-7 or SUN-SAT with SUN = 1, <c>? L #</c>) and year
/// (1970-2199); <c>, - * /</c> everywhere; exactly one of the two day fields is <c>?</c>. A range
/// may wrap (<c>20-2</c> in hours is 20:00 to 02:59). Evaluated in UTC.
/// </summary>
internal sealed class CronExpression : ScheduleExpression
{
    private const int FirstYear = 1970;
    private const int LastYear = 2199;

    private static readonly string[] MonthNames =
        ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    private readonly bool[] _minutes;
    private readonly bool[] _hours;
    private readonly Func<DateOnly, bool> _dayMatches;
    private readonly bool[] _months;
    private readonly bool[] _years;

    private CronExpression(
        string text, bool[] minutes, bool[] hours, Func<DateOnly, bool> dayMatches, bool[] months, bool[] years)
        : base(text)
    {
        _minutes = minutes;
        _hours = hours;
        _dayMatches = dayMatches;
        _months = months;
        _years = years;
    }

    public override DateTimeOffset? NextAfter(DateTimeOffset previous)
    {
        var utc = previous.UtcDateTime;
        var start = new DateTime(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, 0, DateTimeKind.Utc).AddMinutes(1);
        var firstMinute = (start.Hour * 60) + start.Minute;
        var date = DateOnly.FromDateTime(start);
        var firstDate = date;

        while (date.Year <= LastYear)
        {
            if (date.Year < FirstYear || !_years[date.Year - FirstYear])
            {
                date = new DateOnly(date.Year + 1, 1, 1);
                continue;
            }

            if (!_months[date.Month])
            {
                date = new DateOnly(date.Year, date.Month, 1).AddMonths(1);
                continue;
            }

            if (_dayMatches(date))
            {
                for (var minuteOfDay = date == firstDate ? firstMinute : 0; minuteOfDay < 24 * 60; minuteOfDay++)
                {
                    if (_hours[minuteOfDay / 60] && _minutes[minuteOfDay % 60])
                    {
                        return new DateTimeOffset(date.ToDateTime(new TimeOnly(minuteOfDay / 60, minuteOfDay % 60)), TimeSpan.Zero);
                    }
                }
            }

            date = date.AddDays(1);
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

        var (dayOfMonth, dayOfWeek) = (fields[2], fields[4]);
        if ((dayOfMonth == "?") == (dayOfWeek == "?"))
        {
            throw new FormatException($"'{text}': exactly one of day-of-month and day-of-week must be '?'.");
        }

        var minutes = ParseSet(text, "minutes", fields[0], 0, 59, names: null);
        var hours = ParseSet(text, "hours", fields[1], 0, 23, names: null);
        var months = ParseSet(text, "month", fields[3], 1, 12, MonthNames);
        var years = ParseYears(text, fields[5]);
        var dayMatches = dayOfMonth == "?"
            ? ParseDayOfWeek(text, dayOfWeek)
            : ParseDayOfMonth(text, dayOfMonth);

        return new CronExpression(text, minutes, hours, dayMatches, months, years);
    }

    private static bool[] ParseYears(string text, string field)
    {
        var set = ParseSet(text, "year", field, FirstYear, LastYear, names: null);
        return set[FirstYear..];
    }

    private static Func<DateOnly, bool> ParseDayOfMonth(string text, string field)
    {
        if (field == "L")
        {
            return date => date.Day == DaysIn(date);
        }

        if (field == "LW")
        {
            return date => date.Day == NearestWeekday(date, DaysIn(date));
        }

        if (field.EndsWith('W'))
        {
            var day = ParseNumber(text, "day-of-month", field[..^1], 1, 31, names: null);
            return date => day <= DaysIn(date) && date.Day == NearestWeekday(date, day);
        }

        var days = ParseSet(text, "day-of-month", field, 1, 31, names: null);
        return date => days[date.Day];
    }

    private static Func<DateOnly, bool> ParseDayOfWeek(string text, string field)
    {
        // Weekdays are 1 (SUN) to 7 (SAT); .NET's DayOfWeek is 0 (Sunday) to 6.
        if (field == "L")
        {
            return date => date.DayOfWeek == DayOfWeek.Saturday;
        }

        var hash = field.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            if (field.Contains(',', StringComparison.Ordinal))
            {
                throw new FormatException($"'{text}': with '#' the day-of-week field holds one expression only.");
            }

            var weekday = ParseNumber(text, "day-of-week", field[..hash], 1, 7, DayNames);
            var nth = ParseNumber(text, "day-of-week", field[(hash + 1)..], 1, 5, names: null);
            return date => (int)date.DayOfWeek + 1 == weekday && ((date.Day - 1) / 7) + 1 == nth;
        }

        if (field.Length > 1 && field.EndsWith('L'))
        {
            var weekday = ParseNumber(text, "day-of-week", field[..^1], 1, 7, DayNames);
            return date => (int)date.DayOfWeek + 1 == weekday && date.Day + 7 > DaysIn(date);
        }

        var days = ParseSet(text, "day-of-week", field, 1, 7, DayNames);
        return date => days[(int)date.DayOfWeek + 1];
    }

    private static int DaysIn(DateOnly date) => DateTime.DaysInMonth(date.Year, date.Month);

    /// <summary>The weekday (Mon-Fri) nearest to <paramref name="day"/> without leaving the month.</summary>
    private static int NearestWeekday(DateOnly date, int day)
    {
        var target = new DateOnly(date.Year, date.Month, day);
        var last = DaysIn(date);
        return target.DayOfWeek switch
        {
            DayOfWeek.Saturday => day == 1 ? 3 : day - 1,
            DayOfWeek.Sunday => day == last ? day - 2 : day + 1,
            _ => day,
        };
    }

    /// <summary>A comma list of <c>*</c>, <c>n</c>, <c>a-b</c> (may wrap), each optionally <c>/step</c>.</summary>
    private static bool[] ParseSet(string text, string name, string field, int min, int max, string[]? names)
    {
        var set = new bool[max + 1];
        foreach (var item in field.Split(','))
        {
            var slash = item.IndexOf('/', StringComparison.Ordinal);
            var rangeText = slash >= 0 ? item[..slash] : item;
            var step = slash >= 0 ? ParseNumber(text, name, item[(slash + 1)..], 1, max - min + 1, names: null) : 1;

            int from, to;
            if (rangeText == "*")
            {
                (from, to) = (min, max);
            }
            else
            {
                var dash = rangeText.IndexOf('-', StringComparison.Ordinal);
                if (dash >= 0)
                {
                    from = ParseNumber(text, name, rangeText[..dash], min, max, names);
                    to = ParseNumber(text, name, rangeText[(dash + 1)..], min, max, names);
                }
                else
                {
                    from = ParseNumber(text, name, rangeText, min, max, names);
                    to = slash >= 0 ? max : from;
                }
            }

            var span = to >= from ? to - from : to + (max - min + 1) - from;
            for (var offset = 0; offset <= span; offset += step)
            {
                var value = from + offset;
                set[value > max ? value - (max - min + 1) : value] = true;
            }
        }

        return set;
    }

    private static int ParseNumber(string text, string name, string value, int min, int max, string[]? names)
    {
        if (names is not null)
        {
            var index = Array.FindIndex(names, n => string.Equals(n, value, StringComparison.OrdinalIgnoreCase));
            if (index >= 0)
            {
                return min + index;
            }
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
        {
            return number;
        }

        throw new FormatException($"'{text}': '{value}' is not a valid {name} value ({min}-{max}).");
    }
}
