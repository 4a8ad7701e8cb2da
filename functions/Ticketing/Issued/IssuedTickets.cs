using BitcoinEvents.Domain.Callers;
using BitcoinEvents.Domain.Results;
using BitcoinEvents.Domain.Events;
using BitcoinEvents.Domain.Ticketing;
using BitcoinEvents.Infrastructure.Catalog;
using BitcoinEvents.Ticketing.Storage;

namespace BitcoinEvents.Ticketing.Issued;

/// <summary>A ticket as one caller may see it; <see cref="IsHolder"/>: its owner (or an admin), who gets its QR token.</summary>
internal sealed record VisibleTicket(Ticket Ticket, bool IsHolder);

/// <summary>
/// Who may touch an issued ticket. Its owner sees it with its QR token and may reassign it; an
/// admin may do what the owner does; the organizer of its event sees it without the token (a QR
/// code is the key to the door: it stays with the holder) and may void it; anyone else: 404.
/// </summary>
internal sealed class IssuedTickets(OrderStore orders, EventCatalog catalog)
{
    public async Task<Result<VisibleTicket>> ForReaderAsync(string ticketId, Caller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var ticket = await orders.GetTicketAsync(ticketId, consistent: true, ct);
        if (ticket is null)
        {
            return new NotFound(TicketingAccess.TicketResource, ticketId);
        }

        if (TicketingAccess.IsOwnerOrAdmin(ticket.OwnerId, caller))
        {
            return new VisibleTicket(ticket, IsHolder: true);
        }

        return (await catalog.GetAsync(ticket.EventId, consistent: false, ct))?.CanManage(caller) == true
            ? new VisibleTicket(ticket, IsHolder: false)
            : new NotFound(TicketingAccess.TicketResource, ticketId);
    }

    /// <summary>The ticket, when the caller holds it (or is an admin); its organizer gets 403 (they know it exists), anyone else 404.</summary>
    public async Task<Result<Ticket>> ForHolderAsync(string ticketId, Caller caller, string action, CancellationToken ct)
    {
        var visible = await ForReaderAsync(ticketId, caller, ct);
        if (!visible.IsSuccess)
        {
            return visible.Error;
        }

        return visible.Value.IsHolder
            ? visible.Value.Ticket
            : new Forbidden($"Only the ticket's holder may {action}.");
    }

    /// <summary>The ticket of <paramref name="eventId"/>, when the caller manages that event (its organizer or an admin); else 404.</summary>
    public async Task<Result<Ticket>> ForOrganizerAsync(string eventId, string ticketId, Caller caller, CancellationToken ct)
    {
        var managed = TicketingAccess.ForOrganizer(await catalog.GetAsync(eventId, consistent: false, ct), eventId, caller);
        if (!managed.IsSuccess)
        {
            return managed.Error;
        }

        var ticket = await orders.GetTicketAsync(ticketId, consistent: true, ct);
        return ticket is not null && ticket.EventId == eventId ? ticket : new NotFound(TicketingAccess.TicketResource, ticketId);
    }
}
