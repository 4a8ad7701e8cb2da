using BitcoinEvents.Domain.Callers;
using BitcoinEvents.Domain.Ticketing;
using BitcoinEvents.Infrastructure.Catalog;
using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.Ticketing.Contracts;
using BitcoinEvents.Ticketing.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using BitcoinEvents.Domain.Events;
using NotFound = BitcoinEvents.Domain.Results.NotFound;

namespace BitcoinEvents.Ticketing.Operations;

/// <summary>GET /orders/{orderId}: the buyer's order (also its event's organizer and admins; anyone else 404).</summary>
public static class GetOrder
{
    public const string Name = nameof(GetOrder);

    public static string PathOf(string orderId) => $"/orders/{orderId}";

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/orders/{orderId}", HandleAsync)
            .WithName(Name)
            .RequireAuthorization()
            .ProducesProblems(StatusCodes.Status404NotFound);

    internal static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> HandleAsync(string orderId, Caller caller, OrderStore orders, EventCatalog catalog, CancellationToken ct)
    {
        var order = await orders.GetAsync(orderId, consistent: true, ct);
        if (order is null)
        {
            return Problems.For(new NotFound(TicketingAccess.OrderResource, orderId));
        }

        var manages = !TicketingAccess.IsOwnerOrAdmin(order.BuyerId, caller)
            && (await catalog.GetAsync(order.EventId, consistent: false, ct))?.CanManage(caller) == true;
        return TicketingAccess.CanSeeOrder(order, caller, manages)
            ? TypedResults.Ok(OrderResponse.From(order))
            : Problems.For(new NotFound(TicketingAccess.OrderResource, orderId));
    }
}
