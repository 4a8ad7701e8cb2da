using BitcoinEvents.Domain.Callers;
using BitcoinEvents.Domain.Ticketing;
using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.Ticketing.Contracts;
using BitcoinEvents.Ticketing.Selling;
using BitcoinEvents.Ticketing.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BitcoinEvents.Ticketing.Operations;

/// <summary>
/// GET /organizer/events/{eventId}/check-ins: live counts for the event's organizer (or an admin).
/// Check-ins come from the counters each check-in's transaction moves (exact at the moment read);
/// valid tickets are counted over the event's tickets, per door (<c>event</c> for tickets to the
/// whole event, else each session). A ticket voided after it was checked in still counts as an
/// entry, so a door's check-ins can exceed its valid tickets.
/// </summary>
public static class GetCheckInCounts
{
    public const string Name = nameof(GetCheckInCounts);

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/organizer/events/{eventId}/check-ins", HandleAsync)
            .WithName(Name)
            .RequireAuthorization()
            .ProducesProblems(StatusCodes.Status404NotFound);

    internal static async Task<Results<Ok<CheckInCountsResponse>, ProblemHttpResult>> HandleAsync(
        string eventId, Caller caller, Organizing organizing, DoorStore doors, TimeProvider clock, CancellationToken ct)
    {
        var managed = await organizing.ForOrganizerAsync(eventId, caller, ct);
        if (!managed.IsSuccess)
        {
            return Problems.For(managed.Error);
        }

        var now = clock.GetUtcNow();
        var countersRead = doors.ReadCountersAsync(eventId, ct);
        var tickets = await doors.ReadEventTicketsAsync(eventId, ct);
        var counters = await countersRead;
        var valid = tickets.Where(t => t.Status == TicketStatus.Valid).ToList();
        var issuedByDoor = valid.SelectMany(t => t.SessionKeys).GroupBy(k => k, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

        var sessions = managed.Value.Setup.Sessions;
        var doorsSeen = issuedByDoor.Keys
            .Concat(counters.Keys.Where(k => k != DoorStore.TicketsCounter))
            .Concat(sessions.Keys)
            .Concat(sessions.Count == 0 ? [Ticket.WholeEvent] : [])
            .Distinct(StringComparer.Ordinal)
            .OrderBy(k => k == Ticket.WholeEvent ? 0 : 1)
            .ThenBy(k => sessions.TryGetValue(k, out var s) ? s.StartsAt : DateTimeOffset.MaxValue)
            .ThenBy(k => k, StringComparer.Ordinal);
        var perDoor = doorsSeen.Select(k => new DoorCountResponse(
            k,
            sessions.TryGetValue(k, out var session) ? session.Name : null,
            issuedByDoor.GetValueOrDefault(k),
            counters.GetValueOrDefault(k))).ToList();

        return TypedResults.Ok(new CheckInCountsResponse(eventId, valid.Count, counters.GetValueOrDefault(DoorStore.TicketsCounter), perDoor, now));
    }
}
