using System.ComponentModel.DataAnnotations;
using BitcoinEvents.Domain.Callers;
using BitcoinEvents.Domain.Events;
using BitcoinEvents.Events.Contracts;
using BitcoinEvents.Events.Storage;
using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.Infrastructure.Pagination;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BitcoinEvents.Events.Operations;

/// <summary>
/// GET /organizer/events?limit=…&amp;cursor=…: the caller's own events, drafts included, newest first.
/// Admins may pass <c>organizerId</c> to list another organizer's.
/// </summary>
public static class ListOrganizerEvents
{
    public const string Name = nameof(ListOrganizerEvents);
    public const string OrganizerIdField = EventAccess.OrganizerIdField;

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/organizer/events", HandleAsync)
            .WithName(Name)
            .RequireAuthorization()
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden);

    internal static async Task<Results<Ok<EventPageResponse>, ProblemHttpResult>> HandleAsync(
        [Range(1, PageSize.Max)] string? limit,
        [StringLength(PageCursor.MaxLength)] string? cursor,
        [StringLength(CallerIds.MaxLength)] string? organizerId,
        Caller caller,
        EventStore store,
        TimeProvider clock,
        CancellationToken ct)
    {
        var organizer = EventAccess.OrganizerToList(caller, organizerId);
        if (!organizer.IsSuccess)
        {
            return Problems.For(organizer.Error);
        }

        var listing = new EventListing.ByOrganizer(organizer.Value);
        var pageSize = PageSize.Parse(limit, cursorIsOfListing: EventStore.TryReadCursor(listing, cursor, out var after));
        if (!pageSize.IsSuccess)
        {
            return Problems.For(pageSize.Error);
        }

        var page = await store.ListAsync(listing, pageSize.Value, after, clock.GetUtcNow(), ct);
        return TypedResults.Ok(EventPageResponse.From(page));
    }
}
