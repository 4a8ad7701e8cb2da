using System.Globalization;
using BitcoinEvents.DevHost.Scheduling;

namespace DevHost.Tests.Scheduling;

/// <summary>The rate and cron examples of the EventBridge and Lambda documentation, evaluated in UTC.</summary>
public sealed class ScheduleExpressionTests
{
    [Theory]
    [InlineData("rate(5 minutes)", 5 * 60)]
    [InlineData("rate(1 minute)", 60)]
    [InlineData("rate(1 hour)", 3600)]
    [InlineData("rate(7 days)", 7 * 86400)]
    [InlineData("rate(1 day)", 86400)]
    public void Rate_FiresOneIntervalAfterThePreviousRun(string text, int seconds)
    {
        var expression = ScheduleExpression.Parse(text);
        var previous = At("2024-03-04T10:07:31Z");

        Assert.Equal(previous.AddSeconds(seconds), expression.NextAfter(previous));
    }

    [Theory]
    // 10:00 am (UTC) every day
    [InlineData("cron(0 10 * * ? *)", "2024-03-04T09:59:00Z", "2024-03-04T10:00:00Z")]
    [InlineData("cron(0 10 * * ? *)", "2024-03-04T10:00:00Z", "2024-03-05T10:00:00Z")]
    // 12:15 pm every day
    [InlineData("cron(15 12 * * ? *)", "2024-03-04T12:15:59Z", "2024-03-05T12:15:00Z")]
    // 6:00 pm Monday through Friday (2024-03-01 is a Friday)
    [InlineData("cron(0 18 ? * MON-FRI *)", "2024-03-01T18:00:00Z", "2024-03-04T18:00:00Z")]
    // 8:00 am on the first day of the month
    [InlineData("cron(0 8 1 * ? *)", "2024-01-15T00:00:00Z", "2024-02-01T08:00:00Z")]
    // every 15 minutes
    [InlineData("cron(0/15 * * * ? *)", "2024-03-04T10:07:00Z", "2024-03-04T10:15:00Z")]
    [InlineData("cron(0/15 * * * ? *)", "2024-03-04T10:45:00Z", "2024-03-04T11:00:00Z")]
    // every 10 minutes Monday through Friday (2024-03-02 is a Saturday)
    [InlineData("cron(0/10 * ? * MON-FRI *)", "2024-03-02T12:00:00Z", "2024-03-04T00:00:00Z")]
    // every 5 minutes Monday through Friday between 8:00 am and 5:55 pm
    [InlineData("cron(0/5 8-17 ? * MON-FRI *)", "2024-03-04T17:50:00Z", "2024-03-04T17:55:00Z")]
    [InlineData("cron(0/5 8-17 ? * MON-FRI *)", "2024-03-04T17:55:00Z", "2024-03-05T08:00:00Z")]
    // every 30 minutes Monday through Friday, 10:00 pm to 2:00 am (a range that wraps midnight)
    [InlineData("cron(0/30 20-2 ? * MON-FRI *)", "2024-03-04T01:40:00Z", "2024-03-04T02:00:00Z")]
    [InlineData("cron(0/30 20-2 ? * MON-FRI *)", "2024-03-04T02:30:00Z", "2024-03-04T20:00:00Z")]
    [InlineData("cron(0/30 20-2 ? * MON-FRI *)", "2024-03-04T23:30:00Z", "2024-03-05T00:00:00Z")]
    // 9:00 am on the first Monday of each month
    [InlineData("cron(0 9 ? * 2#1 *)", "2024-03-01T00:00:00Z", "2024-03-04T09:00:00Z")]
    [InlineData("cron(0 9 ? * 2#1 *)", "2024-03-04T09:00:00Z", "2024-04-01T09:00:00Z")]
    // 1/10 in minutes: every tenth minute starting at minute 1
    [InlineData("cron(1/10 * * * ? *)", "2024-03-04T10:01:00Z", "2024-03-04T10:11:00Z")]
    // JAN,FEB,MAR in the month field
    [InlineData("cron(0 0 1 JAN,FEB,MAR ? *)", "2024-03-01T00:00:00Z", "2025-01-01T00:00:00Z")]
    // 1-15 in the day field
    [InlineData("cron(30 6 1-15 * ? *)", "2024-03-15T06:30:00Z", "2024-04-01T06:30:00Z")]
    // L in day-of-month: the last day of the month (2024 is a leap year)
    [InlineData("cron(0 0 L * ? *)", "2024-02-10T00:00:00Z", "2024-02-29T00:00:00Z")]
    // 3W: the weekday nearest the 3rd (2024-08-03 is a Saturday, so Friday the 2nd)
    [InlineData("cron(0 0 3W * ? *)", "2024-07-31T00:00:00Z", "2024-08-02T00:00:00Z")]
    // 1W never leaves the month (2024-06-01 is a Saturday, so Monday the 3rd)
    [InlineData("cron(0 0 1W * ? *)", "2024-05-31T00:00:00Z", "2024-06-03T00:00:00Z")]
    // 3#2: the second Tuesday of the month
    [InlineData("cron(0 12 ? * 3#2 *)", "2024-03-01T00:00:00Z", "2024-03-12T12:00:00Z")]
    // 6L: the last Friday of the month; L alone: the last day of the week (Saturday)
    [InlineData("cron(0 0 ? * 6L *)", "2024-03-01T00:00:00Z", "2024-03-29T00:00:00Z")]
    [InlineData("cron(0 0 ? * L *)", "2024-03-04T00:00:00Z", "2024-03-09T00:00:00Z")]
    // the year field
    [InlineData("cron(0 0 1 1 ? 2030)", "2024-06-01T00:00:00Z", "2030-01-01T00:00:00Z")]
    public void Cron_NextRun_FollowsTheDocumentedMeaning(string text, string previous, string expected)
    {
        var expression = ScheduleExpression.Parse(text);

        Assert.Equal(At(expected), expression.NextAfter(At(previous)));
    }

    // Day-of-week counts 1 (SUN) to 7 (SAT) in EventBridge; Cronos counts 0 (SUN) to 6, and reads 7
    // as Sunday too. 2024-03-03 is a Sunday, 2024-03-04 a Monday.
    [Theory]
    [InlineData("cron(0 12 ? * 1 *)", "2024-03-04T00:00:00Z", "2024-03-10T12:00:00Z")]
    [InlineData("cron(0 12 ? * SUN *)", "2024-03-04T00:00:00Z", "2024-03-10T12:00:00Z")]
    [InlineData("cron(0 12 ? * 7 *)", "2024-03-04T00:00:00Z", "2024-03-09T12:00:00Z")]
    [InlineData("cron(0 12 ? * sat *)", "2024-03-04T00:00:00Z", "2024-03-09T12:00:00Z")]
    [InlineData("cron(0 12 ? * 2,4 *)", "2024-03-04T12:00:00Z", "2024-03-06T12:00:00Z")]
    // 2/2 is MON, WED, FRI: from Friday the next run is Monday, not Sunday
    [InlineData("cron(0 12 ? * 2/2 *)", "2024-03-08T12:00:00Z", "2024-03-11T12:00:00Z")]
    [InlineData("cron(0 12 ? * MON/2 *)", "2024-03-08T12:00:00Z", "2024-03-11T12:00:00Z")]
    // */3 is SUN, WED, SAT
    [InlineData("cron(0 12 ? * */3 *)", "2024-03-06T12:00:00Z", "2024-03-09T12:00:00Z")]
    [InlineData("cron(0 12 ? * */3 *)", "2024-03-09T12:00:00Z", "2024-03-10T12:00:00Z")]
    // a range that wraps the week: 6-2 is FRI, SAT, SUN, MON
    [InlineData("cron(0 12 ? * 6-2 *)", "2024-03-05T00:00:00Z", "2024-03-08T12:00:00Z")]
    [InlineData("cron(0 12 ? * 6-2 *)", "2024-03-10T12:00:00Z", "2024-03-11T12:00:00Z")]
    // FRI-MON/2 is FRI and SUN: from Sunday the next run is Friday, not Monday
    [InlineData("cron(0 12 ? * FRI-MON/2 *)", "2024-03-10T12:00:00Z", "2024-03-15T12:00:00Z")]
    // 1#1: the first Sunday (April 2024 starts on a Monday); 1L: the last Sunday
    [InlineData("cron(0 12 ? * 1#1 *)", "2024-03-04T00:00:00Z", "2024-04-07T12:00:00Z")]
    [InlineData("cron(0 12 ? * SUN#1 *)", "2024-03-04T00:00:00Z", "2024-04-07T12:00:00Z")]
    [InlineData("cron(0 12 ? * 1L *)", "2024-03-04T00:00:00Z", "2024-03-31T12:00:00Z")]
    [InlineData("cron(0 12 ? * 7L *)", "2024-03-04T00:00:00Z", "2024-03-30T12:00:00Z")]
    // '?' leaves the day to the other field: every 15th, whatever the weekday
    [InlineData("cron(0 0 15 * ? *)", "2024-03-04T00:00:00Z", "2024-03-15T00:00:00Z")]
    [InlineData("cron(0 0 LW * ? *)", "2024-03-04T00:00:00Z", "2024-03-29T00:00:00Z")]
    public void Cron_DayOfWeek_CountsFromSundayAsOne(string text, string previous, string expected)
    {
        var expression = ScheduleExpression.Parse(text);

        Assert.Equal(At(expected), expression.NextAfter(At(previous)));
    }

    [Theory]
    [InlineData("cron(0 0 1 1 ? 2026,2028)", "2026-01-01T00:00:00Z", "2028-01-01T00:00:00Z")]
    [InlineData("cron(0 0 1 1 ? 2030-2040/5)", "2030-01-01T00:00:00Z", "2035-01-01T00:00:00Z")]
    [InlineData("cron(0 0 1 1 ? 2030/10)", "2031-06-01T00:00:00Z", "2040-01-01T00:00:00Z")]
    [InlineData("cron(0 8 ? * MON 2027)", "2024-03-04T00:00:00Z", "2027-01-04T08:00:00Z")]
    // 29 February exists in none of 2025-2027: the first run is in 2028
    [InlineData("cron(0 0 29 2 ? 2025-2030)", "2024-03-01T00:00:00Z", "2028-02-29T00:00:00Z")]
    public void Cron_YearField_LimitsTheYears(string text, string previous, string expected)
    {
        var expression = ScheduleExpression.Parse(text);

        Assert.Equal(At(expected), expression.NextAfter(At(previous)));
    }

    [Theory]
    [InlineData("cron(0 0 1 1 ? 2030)", "2030-01-01T00:00:00Z")]
    [InlineData("cron(0 0 29 2 ? 2025-2027)", "2024-03-01T00:00:00Z")]
    [InlineData("cron(0 0 31 12 ? *)", "2199-12-31T00:00:00Z")]
    public void Cron_AfterItsLastYear_NeverFiresAgain(string text, string previous)
    {
        var expression = ScheduleExpression.Parse(text);

        Assert.Null(expression.NextAfter(At(previous)));
    }

    [Fact]
    public void Cron_FromANonUtcOffset_EvaluatesInUtc()
    {
        var expression = ScheduleExpression.Parse("cron(0 10 * * ? *)");

        // 11:30 at +05:30 is 06:00 UTC.
        var next = expression.NextAfter(new DateTimeOffset(2024, 3, 4, 11, 30, 0, TimeSpan.FromHours(5.5)));

        Assert.Equal(At("2024-03-04T10:00:00Z"), next);
    }

    [Fact]
    public void TheTemplatesSchedules_AllParse()
    {
        var expression = ScheduleExpression.Parse("rate(1 hour)");

        Assert.Equal(TimeSpan.FromHours(1), Assert.IsType<RateExpression>(expression).Interval);
    }

    [Theory]
    [InlineData("every 5 minutes")]
    [InlineData("rate(0 minutes)")]
    [InlineData("rate(-1 minutes)")]
    [InlineData("rate(1 minutes)")]
    [InlineData("rate(5 minute)")]
    [InlineData("rate(2 weeks)")]
    [InlineData("rate(5)")]
    [InlineData("cron(0 10 * * *)")]
    [InlineData("cron(0 10 * * * *)")]
    [InlineData("cron(0 10 ? * ? *)")]
    [InlineData("cron(60 10 * * ? *)")]
    [InlineData("cron(0 24 * * ? *)")]
    [InlineData("cron(0 0 32 * ? *)")]
    [InlineData("cron(0 0 ? 13 MON *)")]
    [InlineData("cron(0 0 ? * 8 *)")]
    [InlineData("cron(0 0 ? * FUNDAY *)")]
    [InlineData("cron(0 0 1 1 ? 1969)")]
    [InlineData("cron(0 0 ? * 3#1,6#3 *)")]
    [InlineData("cron(0 0 ? * 3#6 *)")]
    [InlineData("cron(0,,5 0 1 * ? *)")]
    [InlineData("cron(0 0 ? * 0 *)")]
    [InlineData("cron(0 0 ? * 2-8 *)")]
    [InlineData("cron(0 0 ? * 8#1 *)")]
    [InlineData("cron(0 0 ? * 0L *)")]
    [InlineData("cron(0 0 ? * 2/0 *)")]
    [InlineData("cron(H 0 * * ? *)")]
    [InlineData("cron(0 0 1 1 ? 2200)")]
    [InlineData("cron(0 0 1 1 ? 2030-2025)")]
    [InlineData("cron(0 0 1 1 ? twenty)")]
    public void Parse_RejectsInvalidExpressions(string text)
    {
        Assert.Throws<FormatException>(() => ScheduleExpression.Parse(text));
    }

    private static DateTimeOffset At(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
