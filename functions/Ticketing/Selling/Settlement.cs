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
/// of a sold-out type go to its waiting list first (<see cref="WaitingListOffers"/>).
/// </summary>
internal sealed class Settlement(HoldStore holds, OrderStore orders, WaitingListOffers offers, Issuing issuing, TimeProvider clock)
{
    /// <summary>The buyer lets an active hold go. False: it was no longer active.</summary>
    public async Task<bool> ReleaseAsync(Hold hold, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var released = hold with { Status = HoldStatus.Released, Version = hold.Version + 1 };
        var freed = await offers.PlanAsync(hold.EventId, hold.Lines.Select(l => (l.TicketTypeId, l.Quantity)).ToList(), hold.Allocations, now, ct);
        return await holds.SettleAsync(released, hold.Version, freed.SeatsBack, freed.Writes, now, ct);
    }

    /// <summary>An active hold past its deadline expires. False: not yet due, or already settled.</summary>
    public async Task<bool> ExpireHoldAsync(Hold hold, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (hold.Status != HoldStatus.Active || hold.ExpiresAt > now)
        {
            return false;
        }

        var expired = hold with { Status = HoldStatus.Expired, Version = hold.Version + 1 };
        var freed = await offers.PlanAsync(hold.EventId, hold.Lines.Select(l => (l.TicketTypeId, l.Quantity)).ToList(), hold.Allocations, now, ct);
        var writes = freed.Writes.ToList();
        if (hold.Kind == HoldKind.WaitingListOffer && hold.WaitingListEntryId is { } entryId)
        {
            writes.AddRange(await offers.LapseAsync(hold, entryId, ct));
        }

        return await holds.SettleAsync(expired, hold.Version, freed.SeatsBack, writes, now, ct);
    }

    /// <summary>A pending order past its deadline expires: its seats and voucher use go back, OrderExpired is published.</summary>
    public async Task<Result<Order>> ExpireOrderAsync(Order order, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var expired = order.Expire(now);
        if (!expired.IsSuccess)
        {
            return expired;
        }

        var freed = await offers.PlanAsync(order.EventId, order.Lines.Select(l => (l.ItemId, l.Quantity)).ToList(), order.Allocations, now, ct);
        var writes = new List<TransactWriteItem>();
        writes.AddRange(Buckets.GiveAll(holds.TableName, freed.SeatsBack));
        if (order.VoucherCode is { } code)
        {
            writes.Add(holds.VoucherBack(order.EventId, code));
        }

        writes.AddRange(freed.Writes);
        writes.Add(issuing.Event(new OrderExpiredV1(order.Id, order.EventId, order.BuyerId, now), MessagesJsonContext.Default.OrderExpiredV1, order.Id, now, "OrderExpired", order.Id));
        return await orders.ReplaceAsync(expired.Value, order.Version, writes, ct)
            ? expired.Value
            : new Conflict("The order changed while it was expiring.");
    }

    /// <summary>
    /// A cancelled order's seats back (to the waiting list first), its voucher use back, its
    /// tickets void, and the messages it causes — the writes to carry with the order's change.
    /// </summary>
    public async Task<IReadOnlyList<TransactWriteItem>> CancellationWritesAsync(Order cancelled, IReadOnlyList<Ticket> tickets, IEnumerable<TransactWriteItem> messages, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var freed = await offers.PlanAsync(cancelled.EventId, cancelled.Lines.Select(l => (l.ItemId, l.Quantity)).ToList(), cancelled.Allocations, now, ct);
        var writes = new List<TransactWriteItem>();
        writes.AddRange(Buckets.GiveAll(holds.TableName, freed.SeatsBack));
        if (cancelled.VoucherCode is { } code)
        {
            writes.Add(holds.VoucherBack(cancelled.EventId, code));
        }

        foreach (var ticket in tickets.Where(t => t.Status == TicketStatus.Valid))
        {
            writes.Add(orders.ReplaceTicket(ticket.Void(cancelled.CancellationReason ?? "Order cancelled.", now).Value, ticket.Version));
        }

        writes.AddRange(freed.Writes);
        writes.AddRange(messages);
        return writes;
    }
}
