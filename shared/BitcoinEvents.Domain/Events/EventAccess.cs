using BitcoinEvents.Domain.Callers;
using BitcoinEvents.Domain.Results;

namespace BitcoinEvents.Domain.Events;

/// <summary>
/// Who may see and change an event. Drafts are visible only to their organizer and admins, and an
/// event a caller may not see answers "not found", so ids of other organizers' drafts don't leak.
/// </summary>
public static class EventAccess
{
    public const string Resource = "event";

    /// <summary>The query parameter naming whose events an admin lists.</summary>
    public const string OrganizerIdField = "organizerId";

    /// <summary>Organizers (group <c>organizer</c>) and admins may create events.</summary>
    public static bool CanCreate(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.IsOrganizer || caller.IsAdmin;
    }

    /// <summary>The event's own organizer, or an admin.</summary>
    public static bool CanManage(this Event e, Caller? caller)
    {
        ArgumentNullException.ThrowIfNull(e);
        return caller is not null && (caller.IsAdmin || string.Equals(caller.Id, e.OrganizerId, StringComparison.Ordinal));
    }

    /// <summary>Anyone sees a published, cancelled or completed event; a draft only its organizer and admins.</summary>
    public static bool CanView(this Event e, Caller? caller)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.IsPublic || e.CanManage(caller);
    }

    /// <summary>Null when <paramref name="caller"/> may change the event; else 404 (can't see it) or 403 (can see it).</summary>
    public static DomainError? CheckCanChange(this Event e, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.CanManage(caller))
        {
            return null;
        }

        return e.CanView(caller)
            ? new Forbidden("Only the event's organizer or an admin may change it.")
            : new NotFound(Resource, e.Id);
    }

    /// <summary>
    /// The event, for a change by <paramref name="caller"/>: 404 when there is no event
    /// <paramref name="id"/> or the caller can't see it, 403 when they can see it but not change it.
    /// </summary>
    public static Result<ManagedEvent> Manage(Event? e, string id, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (e is null)
        {
            return new NotFound(Resource, id);
        }

        return e.CheckCanChange(caller) is { } denied ? denied : new ManagedEvent(e);
    }

    /// <summary>The public view of an event: every status but draft, else 404.</summary>
    public static Result<Event> ForPublic(Event? e, string id) =>
        e is { IsPublic: true } ? e : new NotFound(Resource, id);

    /// <summary>The organizer's view of an event (any status): its organizer and admins only, anyone else 404.</summary>
    public static Result<Event> ForOrganizer(Event? e, string id, Caller caller) =>
        e is not null && e.CanManage(caller) ? e : new NotFound(Resource, id);

    /// <summary>
    /// Whose events <paramref name="caller"/> lists: their own, or (admins only) <paramref name="organizerId"/>'s.
    /// </summary>
    public static Result<string> OrganizerToList(Caller caller, string? organizerId)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (string.IsNullOrEmpty(organizerId) || string.Equals(organizerId, caller.Id, StringComparison.Ordinal))
        {
            return caller.Id;
        }

        if (!caller.IsAdmin)
        {
            return new Forbidden("Only admins may list another organizer's events.");
        }

        return CallerIds.IsWellFormed(organizerId)
            ? organizerId
            : new ValidationFailed(OrganizerIdField, $"must be a user's subject id (1 to {CallerIds.MaxLength} visible ASCII characters).");
    }
}
