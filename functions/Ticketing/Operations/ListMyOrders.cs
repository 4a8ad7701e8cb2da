using BitcoinEvents.Domain.Callers;
using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.Infrastructure.Pagination;
using BitcoinEvents.Ticketing.Contracts;
using BitcoinEvents.Ticketing.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BitcoinEvents.Ticketing.Operations;

/// <summary>GET /me/orders?limit=&amp;cursor=: the caller's orders, newest first.</summary>
public static class ListMyOrders
{
    public const string Name = nameof(ListMyOrders);

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/me/orders", HandleAsync)
            .WithName(Name)
            .RequireAuthorization()
            .ProducesProblems(StatusCodes.Status400BadRequest);

    internal static async Task<Results<Ok<OrderPageResponse>, ProblemHttpResult>> HandleAsync(string? limit, string? cursor, Caller caller, ListingStore listings, CancellationToken ct)
    {
        var size = PageSize.Parse(limit, cursorIsOfListing: ListingStore.IsCursorOf(cursor, ListingStore.OwnedScope(TicketingItems.OrderRecord, caller.Id)));
        if (!size.IsSuccess)
        {
            return Problems.For(size.Error);
        }

        var page = await listings.ListOwnedAsync(caller.Id, TicketingItems.OrderRecord, size.Value, cursor, StorageJson.Default.Order, ct);
        return TypedResults.Ok(new OrderPageResponse([.. page.Items.Select(OrderResponse.From)], page.NextCursor));
    }
}
