using BitcoinEvents.Events.Storage;
using BitcoinEvents.Lambda;
using Microsoft.Extensions.Logging;

namespace BitcoinEvents.Events.Operations;

/// <summary>
/// Scheduled (hourly): published events whose end has passed become Completed and leave the listing
/// indexes. Idempotent: each change is conditional on the version read, so a second run (or a
/// concurrent one) changes nothing; an event edited meanwhile is picked up by the next run.
/// </summary>
public sealed partial class CompleteEndedEvents : IScheduledJob
{
    public const string Name = nameof(CompleteEndedEvents);

    private readonly EventStore _store;
    private readonly TimeProvider _clock;
    private readonly ILogger<CompleteEndedEvents> _logger;

    public CompleteEndedEvents(EventStore store, TimeProvider clock, ILogger<CompleteEndedEvents> logger)
    {
        _store = store;
        _clock = clock;
        _logger = logger;
    }

    public Task RunAsync(ScheduledEvent scheduledEvent, CancellationToken ct) => RunAsync(ct);

    /// <summary>Completes what has ended; returns how many events this run completed.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = _clock.GetUtcNow();
        var completed = 0;
        var skipped = 0;
        await foreach (var e in _store.FindEndedAsync(now, ct))
        {
            var next = e.Complete(_clock);
            if (next.IsSuccess && await _store.MarkCompletedAsync(next.Value, e.Version, ct))
            {
                completed++;
            }
            else
            {
                skipped++;
            }
        }

        LogRun(_logger, completed, skipped);
        return completed;
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Completed {Completed} ended events ({Skipped} skipped: changed meanwhile or already done)")]
    private static partial void LogRun(ILogger logger, int completed, int skipped);
}
