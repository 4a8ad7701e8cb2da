using Amazon.DynamoDBv2.Model;
using BitcoinEvents.Domain.Messages;
using BitcoinEvents.Domain.Results;
using BitcoinEvents.Domain.Ticketing;
using BitcoinEvents.Ticketing.Storage;

namespace BitcoinEvents.Ticketing.Selling;

/// <summary>
/// Gives seats back when a hold or an order lets them go: a buyer releasing a hold, a hold or a
/// pending order running past its deadline, a cancellation. Every change is conditional on the
/// version read, so a seat goes back once, however often or concurrently this runs; freed seats
/// go to the waiting lines first (<see cref="WaitingListOffers"/>). When the write loses a race
/// only because a waiting entry it offered to left the line meanwhile, it plans again; the last
/// attempt makes no offers, so the seats always come free.
/// </summary>
internal sealed class Settlement(HoldStore holds, OrderStore orders, WaitingListOffers offers, Issuing issuing, TimeProvider clock)
{
    public const int MaxAttempts = 3;

    /// <summary>The buyer lets an active hold go (an offer: declined, the entry lapses). False: it was no longer active.</summary>
    public Task<bool> ReleaseAsync(Hold hold, CancellationToken ct) => SettleHoldAsync(hold, HoldStatus.Released, null, ct);

    /// <summary>
    /// An offer hold let go because its buyer leaves the waiting line: <paramref name="entryWrites"/>
    /// (the entry leaving) replace the lapse. False: the hold or the entry changed meanwhile.
    /// </summary>
    public Task<bool> ReleaseOfferAsync(Hold offer, IReadOnlyList<TransactWriteItem> entryWrites, CancellationToken ct) =>
        SettleHoldAsync(offer, HoldStatus.Released, entryWrites, ct);

    /// <summary>An active hold past its deadline expires (an offer lapses: its seats go to the next in line). False: not yet due, or already settled.</summary>
    public Task<bool> ExpireHoldAsync(Hold hold, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(hold);
        return hold.Status != HoldStatus.Active || hold.ExpiresAt > clock.GetUtcNow()
            ? Task.FromResult(false)
            : SettleHoldAsync(hold, HoldStatus.Expired, null, ct);
    }

    /// <summary>A pending order past its deadline expires: its seats and voucher use go back, OrderExpired is published.</summary>
    public async Task<Result<Order>> ExpireOrderAsync(Order order, CancellationToken ct)
    {
        var current = order;
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var now = clock.GetUtcNow();
            var expired = current.Expire(now);
            if (!expired.IsSuccess)
            {
                return expired;
            }

            var writes = new List<TransactWriteItem>();
            if (current.VoucherCode is { } code)
            {
                writes.Add(holds.VoucherBack(current.EventId, code));
            }

            writes.Add(issuing.Event(new OrderExpiredV1(current.Id, current.EventId, current.BuyerId, now), MessagesJsonContext.Default.OrderExpiredV1, current.Id, now, "OrderExpired", current.Id));
            var freed = await offers.PlanAsync(current.EventId, Lines(current), current.Allocations, now, ct, otherWrites: writes.Count + 1, offer: attempt < MaxAttempts);
            writes.AddRange(Buckets.GiveAll(holds.TableName, freed.SeatsBack));
            writes.AddRange(freed.Writes);
            if (await orders.ReplaceAsync(expired.Value, current.Version, writes, ct))
            {
                return expired.Value;
            }

            var fresh = await orders.GetAsync(current.Id, consistent: true, ct);
            if (fresh is null || fresh.Version != current.Version)
            {
                break;
            }

            current = fresh;
        }

        return new Conflict("The order changed while it was expiring.");
    }

    /// <summary>
    /// A cancelled order's seats back (to the waiting list first, unless <paramref name="offer"/> is
    /// false), its voucher use back, its tickets void, and the messages it causes — the writes to
    /// carry with the order's change.
    /// </summary>
    public async Task<IReadOnlyList<TransactWriteItem>> CancellationWritesAsync(
        Order cancelled, IReadOnlyList<Ticket> tickets, IEnumerable<TransactWriteItem> messages, CancellationToken ct, bool offer = true)
    {
        ArgumentNullException.ThrowIfNull(cancelled);
        ArgumentNullException.ThrowIfNull(tickets);
        var now = clock.GetUtcNow();
        var writes = new List<TransactWriteItem>();
        if (cancelled.VoucherCode is { } code)
        {
            writes.Add(holds.VoucherBack(cancelled.EventId, code));
        }

        foreach (var ticket in tickets.Where(t => t.Status == TicketStatus.Valid))
        {
            writes.Add(orders.ReplaceTicket(ticket.Void(cancelled.CancellationReason ?? "Order cancelled.", now).Value, ticket.Version));
        }

        writes.AddRange(messages);
        var freed = await offers.PlanAsync(cancelled.EventId, Lines(cancelled), cancelled.Allocations, now, ct, otherWrites: writes.Count + 1, offer: offer);
        writes.AddRange(Buckets.GiveAll(holds.TableName, freed.SeatsBack));
        writes.AddRange(freed.Writes);
        return writes;
    }

    private async Task<bool> SettleHoldAsync(Hold hold, HoldStatus to, IReadOnlyList<TransactWriteItem>? entryWrites, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(hold);
        var current = hold;
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var now = clock.GetUtcNow();
            var settled = current with { Status = to, Version = current.Version + 1 };
            var also = new List<TransactWriteItem>();
            if (current.Kind == HoldKind.WaitingListOffer && current.WaitingListEntryId is { } entryId)
            {
                also.AddRange(entryWrites ?? await offers.LapseAsync(current, entryId, now, ct));
            }

            var fixedWrites = 1 + (current.VoucherCode is null ? 0 : 1) + also.Count;
            var freed = await offers.PlanAsync(
                current.EventId, [.. current.Lines.Select(l => (l.TicketTypeId, l.Quantity))], current.Allocations, now, ct, fixedWrites, offer: attempt < MaxAttempts);
            also.AddRange(freed.Writes);
            if (await holds.SettleAsync(settled, current.Version, freed.SeatsBack, also, now, ct))
            {
                return true;
            }

            // Lost a race: the hold settled or changed (done: someone else decided), or an entry
            // offered to left the line meanwhile (plan again).
            var fresh = await holds.GetAsync(current.Id, consistent: true, ct);
            if (fresh is null || fresh.Status != HoldStatus.Active || fresh.Version != current.Version || (to == HoldStatus.Expired && fresh.ExpiresAt > clock.GetUtcNow()))
            {
                return false;
            }

            current = fresh;
        }

        return false;
    }

    private static IReadOnlyList<(string TicketTypeId, int Quantity)> Lines(Order order) =>
        [.. order.Lines.Where(l => l.Kind == OrderLine.TicketKind).Select(l => (l.ItemId, l.Quantity))];
}
