using BitcoinEvents.Domain.Callers;
using BitcoinEvents.Domain.Events;
using BitcoinEvents.Domain.Results;
using BitcoinEvents.Domain.Ticketing;
using BitcoinEvents.Infrastructure.Catalog;
using BitcoinEvents.Ticketing.Storage;

namespace BitcoinEvents.Ticketing.CheckingIn;

/// <summary>
/// The first step of every door operation: the event, checked against the caller — its organizer,
/// an admin, or a member of the staff group assigned to it (read consistently, so removing someone
/// takes effect at once). Anyone else gets 404.
/// </summary>
internal sealed class DoorAccess(EventCatalog catalog, SetupStore setups)
{
    public async Task<Result<Event>> ForDoorAsync(string eventId, Caller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var e = await catalog.GetAsync(eventId, consistent: false, ct);
        var assigned = e is not null && !e.CanManage(caller) && caller.IsInGroup(CallerGroups.Staff)
            && await setups.IsStaffAsync(eventId, caller.Id, ct);
        return TicketingAccess.ForDoor(e, eventId, caller, assigned);
    }
}
