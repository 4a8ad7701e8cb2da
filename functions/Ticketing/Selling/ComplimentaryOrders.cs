using BitcoinEvents.Domain.Results;
using BitcoinEvents.Domain.Ticketing;
using BitcoinEvents.Ticketing.Storage;
using Microsoft.Extensions.Logging;

namespace BitcoinEvents.Ticketing.Selling;

/// <summary>
/// Issues an organizer's complimentary order: the seats are taken from the quotas' buckets like a
/// hold's (each decrement conditional on the seats still being there), and the order — paid at
/// once, total 0, complimentary — its tickets and OrderPaid are written in the SAME transaction.
/// When someone took the planned seats first it reads again and re-plans; when fewer seats are left
/// than asked for, it says how many of each type are left.
/// </summary>
internal sealed partial class ComplimentaryOrders(SetupStore setups, OrderStore orders, TicketingTable table, Issuing issuing, TimeProvider clock, ILogger<ComplimentaryOrders> logger)
{
    public const int MaxAttempts = 8;

    private readonly Random _random = new();

    public async Task<Result<Order>> IssueAsync(EventSetup setup, ComplimentaryPlan plan, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(plan);
        var quotas = plan.QuotaDemand.Keys.Select(id => setup.Quotas.TryGetValue(id, out var q) ? q : null).ToList();
        if (quotas.Any(q => q is null))
        {
            return new Conflict("A quota of these ticket types is missing; set it up again.");
        }

        var orderId = TicketingIds.New(clock);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var availability = await setups.ReadAvailabilityAsync(quotas!, ct);
            var allocations = new List<QuotaTake>();
            foreach (var (quotaId, demand) in plan.QuotaDemand)
            {
                var takes = QuotaBuckets.Plan(availability[quotaId], demand, _random);
                if (takes is null)
                {
                    return NotEnough(setup, plan, availability);
                }

                allocations.AddRange(takes.Select(t => new QuotaTake(quotaId, t.Bucket, t.Count)));
            }

            var now = clock.GetUtcNow();
            var order = Order.ForComplimentary(orderId, setup.EventId, plan.BuyerId, plan.Lines, allocations, now);
            var issued = await issuing.IssueAsync(order, setup.Types, now, ct);
            if (await orders.CreateAsync(issued.Order, Buckets.TakeAll(table.Name, allocations), issued.Tickets, issued.Outbox, ct))
            {
                return issued.Order;
            }

            LogContention(logger, setup.EventId, attempt);
            await Task.Delay(TimeSpan.FromMilliseconds(_random.Next(5, 20 * attempt)), clock, ct);
        }

        return new Conflict("Too many buyers are taking these seats at this moment; try again in a second.");
    }

    private static NotEnoughSeats NotEnough(EventSetup setup, ComplimentaryPlan plan, IReadOnlyDictionary<string, int[]> availability) =>
        new([.. plan.Lines.Select(line =>
        {
            var type = setup.Types[line.ItemId];
            var available = type.AllQuotaIds(setup.TotalQuotaId).Min(q => availability.TryGetValue(q, out var b) ? b.Sum() : 0);
            return new SeatsLeft(type.Id, type.Name, Math.Max(available, 0));
        })]);

    [LoggerMessage(EventId = 3501, Level = LogLevel.Information, Message = "Seats of event {EventId} taken by someone else first while issuing a complimentary order (attempt {Attempt}); planning again")]
    private static partial void LogContention(ILogger logger, string eventId, int attempt);
}
