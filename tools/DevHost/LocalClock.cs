using System.Xml;

namespace BitcoinEvents.DevHost;

/// <summary>
/// DevHost's clock: real time plus an offset that only moves forward, on request
/// (<c>POST /local/clock</c>). Every area DevHost hosts and its scheduler read the time from it,
/// so a newcomer can let a hold expire without waiting for it. It exists only in DevHost: nothing
/// in template.yaml or a Lambda function can reach it, and the offset is gone when DevHost stops.
/// Timers and timestamps stay real: a delay of a minute still takes a minute.
/// </summary>
internal sealed class LocalClock(TimeProvider real) : TimeProvider
{
    /// <summary>The most one request may move the clock.</summary>
    public static readonly TimeSpan MaxAdvance = TimeSpan.FromDays(366);

    private long _offsetTicks;

    /// <summary>How far ahead of real time this clock runs.</summary>
    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>The time it would be without the offset.</summary>
    public DateTimeOffset RealNow => real.GetUtcNow();

    public override DateTimeOffset GetUtcNow() => real.GetUtcNow() + Offset;

    public override TimeZoneInfo LocalTimeZone => real.LocalTimeZone;

    public override long TimestampFrequency => real.TimestampFrequency;

    public override long GetTimestamp() => real.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        real.CreateTimer(callback, state, dueTime, period);

    /// <summary>Moves the clock forward by <paramref name="by"/> (more than zero, at most <see cref="MaxAdvance"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="by"/> is not a step forward within the limit.</exception>
    public void Advance(TimeSpan by)
    {
        if (by <= TimeSpan.Zero || by > MaxAdvance)
        {
            throw new ArgumentOutOfRangeException(nameof(by), by, $"The local clock moves forward only, by at most {Iso(MaxAdvance)}.");
        }

        Interlocked.Add(ref _offsetTicks, by.Ticks);
    }

    /// <summary>
    /// An ISO 8601 duration (<c>PT6M</c>, <c>PT1H30M</c>, <c>P2D</c>) as a step forward, or the
    /// reason it is not one.
    /// </summary>
    public static bool TryParseStep(string? text, out TimeSpan step, out string reason)
    {
        step = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            reason = "is required: an ISO 8601 duration such as \"PT6M\".";
            return false;
        }

        try
        {
            step = XmlConvert.ToTimeSpan(text);
        }
        catch (FormatException)
        {
            reason = $"'{text}' is not an ISO 8601 duration such as \"PT6M\" (six minutes) or \"P1D\" (a day).";
            return false;
        }
        catch (OverflowException)
        {
            reason = $"must be at most {Iso(MaxAdvance)}.";
            return false;
        }

        if (step <= TimeSpan.Zero)
        {
            reason = "must be more than zero: the local clock only moves forward (restart DevHost to go back to real time).";
            return false;
        }

        if (step > MaxAdvance)
        {
            reason = $"must be at most {Iso(MaxAdvance)}.";
            return false;
        }

        reason = "";
        return true;
    }

    /// <summary>A duration as ISO 8601 (<c>PT6M</c>).</summary>
    public static string Iso(TimeSpan duration) => XmlConvert.ToString(duration);
}
