using BitcoinEvents.Domain.Callers;
using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.Infrastructure.Pagination;
using BitcoinEvents.Ticketing.CheckingIn;
using BitcoinEvents.Ticketing.Contracts;
using BitcoinEvents.Ticketing.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BitcoinEvents.Ticketing.Operations;

/// <summary>
/// GET /events/{eventId}/tickets?limit=&amp;cursor=: the door list, for the event's staff, organizer
/// and admins. What an offline scanner cannot learn from a signature: each ticket's current
/// revision, whether it is void, and its check-ins. Never the tokens (the list is not a set of
/// QR codes). Paged; not in any particular order.
/// </summary>
public static class ListEventTickets
{
    public const string Name = nameof(ListEventTickets);

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/events/{eventId}/tickets", HandleAsync)
            .WithName(Name)
            .RequireAuthorization()
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);

    internal static async Task<Results<Ok<DoorTicketPageResponse>, ProblemHttpResult>> HandleAsync(
        string eventId, string? limit, string? cursor, Caller caller, DoorAccess access, DoorStore doors, CancellationToken ct)
    {
        var allowed = await access.ForDoorAsync(eventId, caller, ct);
        if (!allowed.IsSuccess)
        {
            return Problems.For(allowed.Error);
        }

        var size = PageSize.Parse(limit, cursorIsOfListing: DoorStore.IsEventTicketsCursor(cursor, eventId));
        if (!size.IsSuccess)
        {
            return Problems.For(size.Error);
        }

        var page = await doors.ListEventTicketsAsync(eventId, size.Value, cursor, ct);
        return TypedResults.Ok(new DoorTicketPageResponse([.. page.Items.Select(DoorTicketResponse.From)], page.NextCursor));
    }
}
