using Amazon.DynamoDBv2.Model;
using BitcoinEvents.Domain.Messages;
using BitcoinEvents.Domain.Ticketing;
using BitcoinEvents.Ticketing.Storage;
using MoneyAmount = BitcoinEvents.Domain.Money.Money;

namespace BitcoinEvents.Ticketing.Selling;

/// <summary>Where freed seats go: some offered to waiting attendees (their writes), the rest back to the buckets.</summary>
internal sealed record FreedSeats(IReadOnlyList<QuotaTake> SeatsBack, IReadOnlyList<TransactWriteItem> Writes)
{
    public static FreedSeats AllBack(IReadOnlyList<QuotaTake> allocations) => new(allocations, []);
}

/// <summary>
/// The waiting list's claim on freed seats. Capacity a hold, order or offer lets go goes first to the
/// waiting line of each ticket type it was freed from, as timed offers: a hold of kind offer owned by
/// the waiting buyer (only they can check it out), for exactly the quantity they asked for, lasting
/// the event's offer time, written in the SAME transaction that frees the seats (the offer hold takes
/// the freed seats over: they never pass through the buckets), with WaitingListOffered in the outbox
/// and the entry moved to offered on condition that it still waits at the version read. Who is
/// offered: <see cref="WaitingLine.ChooseOffers"/> (first who fits). What no one is offered goes back
/// to the buckets.
/// </summary>
internal sealed class WaitingListOffers(WaitingListStore waitingLists, SetupStore setups, CancelledEvents cancelled, Issuing issuing)
{
    /// <summary>How many waiting entries of a type are read to choose from.</summary>
    public const int Candidates = 10;

    /// <summary>Writes one offer costs in the freeing transaction: the offer hold, the entry, the outbox event.</summary>
    public const int WritesPerOffer = 3;

    /// <summary>
    /// How the seats of <paramref name="lines"/> (taken as <paramref name="allocations"/>) are freed.
    /// <paramref name="otherWrites"/>: the items the freeing transaction holds besides the buckets
    /// given back and the offers, so the offers keep it within DynamoDB's 100 items.
    /// <paramref name="offer"/> false: everything goes back to the buckets (the event is cancelled,
    /// or the offers' conditions kept failing).
    /// </summary>
    public async Task<FreedSeats> PlanAsync(
        string eventId,
        IReadOnlyList<(string TicketTypeId, int Quantity)> lines,
        IReadOnlyList<QuotaTake> allocations,
        DateTimeOffset now,
        CancellationToken ct,
        int otherWrites = 1,
        bool offer = true)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(allocations);
        if (!offer || allocations.Count == 0)
        {
            return FreedSeats.AllBack(allocations);
        }

        // The budget left for offers: 100 items, less what the transaction holds anyway (the bucket
        // writes only shrink when seats go to offers) and the check that the event is not cancelled.
        var budget = Transactions.MaxItems - otherWrites - Buckets.Merge(allocations).Count - 1;
        var freedByType = lines.GroupBy(l => l.TicketTypeId, StringComparer.Ordinal).Select(g => (TypeId: g.Key, Seats: g.Sum(l => l.Quantity)));
        var pool = new FreedSeatPool(allocations);
        var writes = new List<TransactWriteItem>();
        EventSetup? setup = null;
        foreach (var (typeId, seats) in freedByType)
        {
            if (budget < WritesPerOffer)
            {
                break;
            }

            var waiting = await waitingLists.WaitingAsync(eventId, typeId, Candidates, ct);
            var chosen = WaitingLine.ChooseOffers(waiting, seats, budget / WritesPerOffer);
            if (chosen.Count == 0)
            {
                continue;
            }

            if (setup is null)
            {
                if (await cancelled.IsCancelledAsync(eventId, ct))
                {
                    return FreedSeats.AllBack(allocations);
                }

                setup = await setups.LoadAsync(eventId, consistent: false, ct);
            }

            if (!setup.Types.TryGetValue(typeId, out var type) || type.Archived)
            {
                continue;
            }

            foreach (var entry in chosen)
            {
                var takes = pool.Take(type.AllQuotaIds(setup.TotalQuotaId), entry.Quantity);
                if (takes is null)
                {
                    // The type draws from other quotas than the seats freed (its quotas changed meanwhile).
                    break;
                }

                var hold = OfferHold(entry, type, takes, setup.Settings.OfferMinutes, now);
                writes.Add(waitingLists.NewHold(hold));
                writes.Add(waitingLists.Replace(entry.Offer(hold.Id, hold.ExpiresAt), entry));
                writes.Add(issuing.Event(
                    new WaitingListOfferedV1(entry.Id, hold.Id, eventId, type.Id, entry.OwnerId, entry.Quantity, hold.ExpiresAt),
                    MessagesJsonContext.Default.WaitingListOfferedV1,
                    entry.Id,
                    now,
                    "WaitingListOffered",
                    entry.Id,
                    hold.Id));
                budget -= WritesPerOffer;
            }
        }

        if (writes.Count == 0)
        {
            return FreedSeats.AllBack(allocations);
        }

        // No offer for an event cancelled meanwhile: the cascade records the cancellation first.
        writes.Add(cancelled.NotCancelled(eventId));
        return new FreedSeats(pool.Left, writes);
    }

    /// <summary>
    /// The writes marking a waiting entry's offer as lapsed when its offer hold expires or its buyer
    /// lets it go (the seats go to the next in line). None when the entry no longer holds that offer.
    /// </summary>
    public async Task<IReadOnlyList<TransactWriteItem>> LapseAsync(Hold offer, string entryId, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var entry = await waitingLists.GetAsync(entryId, ct);
        var lapsed = entry?.Lapse(offer.Id, now);
        return entry is null || lapsed is null ? [] : [waitingLists.Replace(lapsed, entry), waitingLists.Release(entry)];
    }

    /// <summary>The writes fulfilling the waiting entry whose offer <paramref name="offer"/> is checked out.</summary>
    public async Task<IReadOnlyList<TransactWriteItem>> FulfilAsync(Hold offer, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(offer);
        if (offer.Kind != HoldKind.WaitingListOffer || offer.WaitingListEntryId is not { } entryId)
        {
            return [];
        }

        var entry = await waitingLists.GetAsync(entryId, ct);
        var fulfilled = entry?.Fulfil(offer.Id, now);
        return entry is null || fulfilled is null ? [] : [waitingLists.Replace(fulfilled, entry), waitingLists.Release(entry)];
    }

    /// <summary>An offer: the freed seats held for the waiting buyer at the type's price now, for the event's offer time.</summary>
    private static Hold OfferHold(WaitingListEntry entry, TicketType type, IReadOnlyList<QuotaTake> takes, int offerMinutes, DateTimeOffset now)
    {
        var line = new HoldLine(type.Id, type.Name, entry.Quantity, type.Price, MoneyAmount.Zero(type.Price.Currency), type.SatsPrice);
        return new Hold
        {
            // One offer per version of the entry: a retried freeing derives the same id.
            Id = TicketingIds.Derive("offer", entry.Id, entry.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            EventId = entry.EventId,
            OwnerId = entry.OwnerId,
            Lines = [line],
            Subtotal = line.Subtotal,
            Discount = line.Discount,
            Total = line.Subtotal,
            Allocations = takes,
            CreatedAt = now,
            ExpiresAt = now.AddMinutes(offerMinutes),
            Status = HoldStatus.Active,
            Kind = HoldKind.WaitingListOffer,
            WaitingListEntryId = entry.Id,
            Version = 1,
        };
    }
}
