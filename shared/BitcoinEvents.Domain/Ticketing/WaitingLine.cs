using BitcoinEvents.Domain.Results;

namespace BitcoinEvents.Domain.Ticketing;

/// <summary>
/// The rules of a ticket type's waiting line: who may join, and who gets freed seats.
/// <para>
/// Freed seats go to waiting entries in the order they joined, each offered exactly the quantity it
/// asked for (never part of it). An entry that wants more seats than are left of this freeing is
/// passed over — it keeps its place and is first in line for the next freeing large enough — and
/// the next entry that fits is offered instead ("first who fits"). Strict head of line would send
/// those seats back to open sale, where neither the head nor anyone else in the line gets them.
/// </para>
/// </summary>
public static class WaitingLine
{
    public const string TicketTypeField = "ticketTypeId";
    public const string QuantityField = "quantity";

    /// <summary>Whether a buyer may wait for <paramref name="type"/>: only a type on open sale (not hidden, not archived, in its sales window).</summary>
    public static DomainError? CheckType(TicketType? type, DateTimeOffset now)
    {
        if (type is null || type.Hidden || type.Archived)
        {
            return new ValidationFailed(TicketTypeField, "is not a ticket type on sale for this event.");
        }

        return type.IsOnSale(now)
            ? null
            : new ValidationFailed(TicketTypeField, type.SalesStartAt > now
                ? $"{type.Name} goes on sale at {type.SalesStartAt:u}: reserve it then."
                : $"{type.Name} is no longer on sale.");
    }

    /// <summary>
    /// Whether a buyer who wants <paramref name="quantity"/> seats may wait when <paramref name="available"/>
    /// are left: only when fewer are left than they want (sold out, or sold out for that quantity);
    /// otherwise the seats are there to reserve (409).
    /// </summary>
    public static DomainError? CheckSoldOut(TicketType type, int quantity, int available)
    {
        ArgumentNullException.ThrowIfNull(type);
        return available >= quantity && available > 0
            ? new Conflict($"{available} seats of {type.Name} are available: reserve them instead of waiting.")
            : null;
    }

    /// <summary>
    /// Which of <paramref name="waiting"/> (in line order) get offers out of <paramref name="seats"/>
    /// freed seats: first who fits, each its whole quantity, at most <paramref name="maxOffers"/>.
    /// </summary>
    public static IReadOnlyList<WaitingListEntry> ChooseOffers(IReadOnlyList<WaitingListEntry> waiting, int seats, int maxOffers)
    {
        ArgumentNullException.ThrowIfNull(waiting);
        var chosen = new List<WaitingListEntry>();
        var left = seats;
        foreach (var entry in waiting)
        {
            if (left <= 0 || chosen.Count >= maxOffers)
            {
                break;
            }

            if (entry.Status == WaitingStatus.Waiting && entry.Quantity <= left)
            {
                chosen.Add(entry);
                left -= entry.Quantity;
            }
        }

        return chosen;
    }
}
