using BitcoinEvents.Domain.Callers;
using BitcoinEvents.Domain.Results;
using BitcoinEvents.Domain.Ticketing;
using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.Infrastructure.Pagination;
using BitcoinEvents.Ticketing.Contracts;
using BitcoinEvents.Ticketing.Selling;
using BitcoinEvents.Ticketing.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BitcoinEvents.Ticketing.Operations;

/// <summary>
/// GET /organizer/events/{eventId}/waiting-list?ticketTypeId=&amp;limit=&amp;cursor=: a ticket type's
/// waiting line in join order — who waits, who holds an offer until when, who was served or left —
/// for the event's organizer or an admin (anyone else: 404). Each type has its own line, so the type is required.
/// </summary>
public static class ListEventWaitingList
{
    public const string Name = nameof(ListEventWaitingList);

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/organizer/events/{eventId}/waiting-list", HandleAsync)
            .WithName(Name)
            .RequireAuthorization()
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);

    internal static async Task<Results<Ok<WaitingListPageResponse>, ProblemHttpResult>> HandleAsync(
        string eventId, string? ticketTypeId, string? limit, string? cursor, Caller caller, Organizing organizing, WaitingListStore lines, CancellationToken ct)
    {
        var managed = await organizing.ForOrganizerAsync(eventId, caller, ct);
        if (!managed.IsSuccess)
        {
            return Problems.For(managed.Error);
        }

        var errors = new List<FieldError>();
        var size = PageSize.Parse(limit, errors);
        if (string.IsNullOrEmpty(ticketTypeId))
        {
            errors.Add(new FieldError(WaitingLine.TicketTypeField, "is required: each ticket type has its own line."));
        }
        else if (!managed.Value.Setup.Types.ContainsKey(ticketTypeId))
        {
            errors.Add(new FieldError(WaitingLine.TicketTypeField, "is not a ticket type of this event."));
        }
        else if (!string.IsNullOrEmpty(cursor) && !PageCursor.TryDecode(cursor, WaitingListStore.LineScope(eventId, ticketTypeId), 1, out _))
        {
            errors.Add(new FieldError(PageCursor.Field, PageCursor.NotOfListingReason));
        }

        if (errors.Count > 0)
        {
            return Problems.For(new ValidationFailed(errors));
        }

        var page = await lines.ListLineAsync(eventId, ticketTypeId!, size, cursor, ct);
        return TypedResults.Ok(new WaitingListPageResponse([.. page.Items.Select(e => WaitingListEntryResponse.From(e, withOwner: true))], page.NextCursor));
    }
}
