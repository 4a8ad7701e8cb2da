using BitcoinEvents.Lambda;
using Microsoft.Extensions.Logging;

namespace BitcoinEvents.Payments.Operations;

/// <summary>Scheduled (hourly); must tolerate running twice for one tick.</summary>
public sealed partial class SweepPayments(TimeProvider clock, ILogger<SweepPayments> logger) : IScheduledJob
{
    public const string Name = nameof(SweepPayments);

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
