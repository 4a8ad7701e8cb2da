using BitcoinEvents.Lambda;
using Microsoft.Extensions.Logging;

namespace BitcoinEvents.Notifications.Operations;

/// <summary>Scheduled (hourly); must tolerate running twice for one tick.</summary>
public sealed partial class SweepNotifications(TimeProvider clock, ILogger<SweepNotifications> logger) : IScheduledJob
{
    public const string Name = nameof(SweepNotifications);

    public Task RunAsync(ScheduledEvent scheduledEvent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scheduledEvent);
        var now = clock.GetUtcNow();
        LogRun(logger, scheduledEvent.Time, now);
        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Swept for the tick of {Tick} at {Now}")]
    private static partial void LogRun(ILogger logger, DateTimeOffset tick, DateTimeOffset now);
}
