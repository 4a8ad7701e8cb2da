using BitcoinEvents.Domain.Callers;
using BitcoinEvents.Infrastructure.Catalog;
using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.Infrastructure.Pagination;
using BitcoinEvents.Domain.Ticketing;
using BitcoinEvents.Ticketing.Contracts;
using BitcoinEvents.Ticketing.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BitcoinEvents.Ticketing.Operations;

/// <summary>GET /organizer/events/{eventId}/orders?limit=&amp;cursor=: the event's orders, newest first, for its organizer or an admin.</summary>
public static class ListEventOrders
{
    public const string Name = nameof(ListEventOrders);

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/organizer/events/{eventId}/orders", HandleAsync)
            .WithName(Name)
            .RequireAuthorization()
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);

    internal static async Task<Results<Ok<OrderPageResponse>, ProblemHttpResult>> HandleAsync(
        string eventId, string? limit, string? cursor, Caller caller, EventCatalog catalog, ListingStore listings, CancellationToken ct)
    {
        var managed = TicketingAccess.ForOrganizer(await catalog.GetAsync(eventId, consistent: true, ct), eventId, caller);
        if (!managed.IsSuccess)
        {
            return Problems.For(managed.Error);
        }

        var size = PageSize.Parse(limit, cursorIsOfListing: ListingStore.IsCursorOf(cursor, ListingStore.EventOrdersScope(eventId)));
        if (!size.IsSuccess)
        {
            return Problems.For(size.Error);
        }

        var page = await listings.ListEventOrdersAsync(eventId, size.Value, cursor, StorageJson.Default.Order, ct);
        return TypedResults.Ok(new OrderPageResponse([.. page.Items.Select(OrderResponse.From)], page.NextCursor));
    }
}
