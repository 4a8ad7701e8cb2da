using BitcoinEvents.Lambda;
using BitcoinEvents.Ticketing.Selling;
using BitcoinEvents.Ticketing.Storage;
using Microsoft.Extensions.Logging;

namespace BitcoinEvents.Ticketing.Operations;

/// <summary>
/// Scheduled (every minute): active holds and pending orders past their deadline let their seats
/// go (to the waiting list first). The index only says what may be due; each settlement is a write
/// conditional on the hold or order still being active at the version read and past its deadline,
/// so running twice, or beside a late checkout or payment, never gives a seat back twice.
/// </summary>
internal sealed partial class ExpireHolds(ExpiryIndex index, HoldStore holds, OrderStore orders, Settlement settlement, TimeProvider clock, ILogger<ExpireHolds> logger)
    : IScheduledJob
{
    public const string Name = nameof(ExpireHolds);

    public Task RunAsync(ScheduledEvent scheduledEvent, CancellationToken ct) => RunAsync(ct);

    /// <summary>Settles what is due; returns how many holds and orders this run expired.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var expired = 0;
        await foreach (var due in index.FindDueAsync(clock.GetUtcNow(), ct))
        {
            if (due.Kind == TicketingItems.HoldRecord)
            {
                var hold = await holds.GetAsync(due.Id, consistent: true, ct);
                if (hold is not null && await settlement.ExpireHoldAsync(hold, ct))
                {
                    expired++;
                }
            }
            else if (due.Kind == TicketingItems.OrderRecord)
            {
                var order = await orders.GetAsync(due.Id, consistent: true, ct);
                if (order is not null && (await settlement.ExpireOrderAsync(order, ct)).IsSuccess)
                {
                    expired++;
                }
            }
        }

        LogRun(logger, expired);
        return expired;
    }

    [LoggerMessage(EventId = 3301, Level = LogLevel.Information, Message = "Expired {Count} holds and orders")]
    private static partial void LogRun(ILogger logger, int count);
}
