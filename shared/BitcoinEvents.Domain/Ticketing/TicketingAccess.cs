using BitcoinEvents.Domain.Callers;
using BitcoinEvents.Domain.Events;
using BitcoinEvents.Domain.Results;

namespace BitcoinEvents.Domain.Ticketing;

/// <summary>
/// Who may touch what. Organizers manage their own events' ticketing (admins any); staff check in
/// only at events they are assigned to; buyers see only their own holds, orders, tickets and
/// waiting-list entries. Whatever a caller may not know exists answers "not found".
/// </summary>
public static class TicketingAccess
{
    public const string HoldResource = "hold";
    public const string OrderResource = "order";
    public const string TicketResource = "ticket";
    public const string EntryResource = "waiting-list entry";

    /// <summary>The event, when <paramref name="caller"/> manages it (its organizer or an admin); else 404.</summary>
    public static Result<Event> ForOrganizer(Event? e, string eventId, Caller caller) => EventAccess.ForOrganizer(e, eventId, caller);

    /// <summary>The event, when <paramref name="caller"/> may check people in there: its organizer, an admin, or assigned staff.</summary>
    public static Result<Event> ForDoor(Event? e, string eventId, Caller caller, bool isAssignedStaff)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (e is null)
        {
            return new NotFound(EventAccess.Resource, eventId);
        }

        // Everyone else (attendees, staff of other events) gets 404: the event is public, but its door
        // (who is checked in, the scan records) is nothing they may know exists.
        return e.CanManage(caller) || (isAssignedStaff && caller.IsInGroup(CallerGroups.Staff))
            ? e
            : new NotFound(EventAccess.Resource, eventId);
    }

    /// <summary>A buyer's own thing (or an admin's view of it); anyone else: 404.</summary>
    public static bool IsOwnerOrAdmin(string ownerId, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.IsAdmin || string.Equals(ownerId, caller.Id, StringComparison.Ordinal);
    }

    /// <summary>
    /// An order (or its tickets) is visible to its buyer, to admins, and to the organizer of its
    /// event (<paramref name="managesEvent"/>).
    /// </summary>
    public static bool CanSeeOrder(Order order, Caller caller, bool managesEvent)
    {
        ArgumentNullException.ThrowIfNull(order);
        return managesEvent || IsOwnerOrAdmin(order.BuyerId, caller);
    }
}
