using System.Globalization;

namespace BitcoinEvents.DevHost.Scheduling;

/// <summary>
/// An EventBridge schedule expression: <c>rate(value unit)</c> or the six-field AWS
/// <c>cron(minutes hours day-of-month month day-of-week year)</c>, always in UTC.
/// </summary>
internal abstract class ScheduleExpression
{
    private protected ScheduleExpression(string text) => Text = text;

    /// <summary>The expression as written in the template.</summary>
    public string Text { get; }

    /// <summary>
    /// The first run strictly after <paramref name="previous"/> (the previous run, or the moment
    /// the schedule was created), or null when the expression never fires again.
    /// </summary>
    public abstract DateTimeOffset? NextAfter(DateTimeOffset previous);

    public override string ToString() => Text;

    /// <summary>Parses a template's <c>Schedule</c> value; throws <see cref="FormatException"/> naming the problem.</summary>
    public static ScheduleExpression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (TryUnwrap(trimmed, "rate", out var rate))
        {
            return RateExpression.ParseBody(trimmed, rate);
        }

        if (TryUnwrap(trimmed, "cron", out var cron))
        {
            return CronExpression.ParseBody(trimmed, cron);
        }

        throw new FormatException($"Schedule expression '{text}' is neither rate(...) nor cron(...).");
    }

    private static bool TryUnwrap(string text, string keyword, out string body)
    {
        if (text.StartsWith(keyword + "(", StringComparison.Ordinal) && text.EndsWith(')'))
        {
            body = text[(keyword.Length + 1)..^1].Trim();
            return true;
        }

        body = "";
        return false;
    }
}

/// <summary><c>rate(5 minutes)</c>: fires every interval, the first one interval after creation.</summary>
internal sealed class RateExpression : ScheduleExpression
{
    private RateExpression(string text, TimeSpan interval)
        : base(text) => Interval = interval;

    public TimeSpan Interval { get; }

    public override DateTimeOffset? NextAfter(DateTimeOffset previous) => previous + Interval;

    internal static RateExpression ParseBody(string text, string body)
    {
        var parts = body.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2)
        {
            throw new FormatException($"'{text}': a rate is rate(value unit), e.g. rate(5 minutes).");
        }

        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
        {
            throw new FormatException($"'{text}': the rate value must be a positive integer.");
        }

        var unit = parts[1];
        var singular = unit.TrimEnd('s');
        var perUnit = singular switch
        {
            "minute" => TimeSpan.FromMinutes(1),
            "hour" => TimeSpan.FromHours(1),
            "day" => TimeSpan.FromDays(1),
            _ => throw new FormatException($"'{text}': the rate unit must be minute(s), hour(s) or day(s)."),
        };

        // EventBridge rejects rate(1 minutes) and rate(5 minute).
        var expected = value == 1 ? singular : singular + "s";
        if (!string.Equals(unit, expected, StringComparison.Ordinal))
        {
            throw new FormatException($"'{text}': use '{expected}' with the value {value}.");
        }

        return new RateExpression(text, perUnit * value);
    }
}
