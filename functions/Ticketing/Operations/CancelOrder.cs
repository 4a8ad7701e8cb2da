using BitcoinEvents.Domain.Callers;
using BitcoinEvents.Domain.Events;
using BitcoinEvents.Domain.Ticketing;
using BitcoinEvents.Infrastructure.Catalog;
using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.Infrastructure.Idempotency;
using BitcoinEvents.Ticketing.Contracts;
using BitcoinEvents.Ticketing.Selling;
using BitcoinEvents.Ticketing.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using NotFound = BitcoinEvents.Domain.Results.NotFound;

namespace BitcoinEvents.Ticketing.Operations;

/// <summary>
/// POST /orders/{orderId}/cancel with an optional <c>{ "reason" }</c>: the buyer cancels their order
/// within the event's refund policy. A pending order any time (its seats go back); a paid one until
/// the policy's deadline (<c>refundUntilHoursBeforeStart</c>), its tickets void, its seats to the
/// waiting list first, and a refund of the policy's share (<c>refundPercent</c>) of what was paid
/// requested from Payments. Past the deadline, or when the policy allows no refunds: 409. Already
/// cancelled: 200 with the order as it is. Anyone but the buyer (or an admin): 404. Requires an Idempotency-Key.
/// </summary>
public static class CancelOrder
{
    public const string Name = nameof(CancelOrder);

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/orders/{orderId}/cancel", HandleAsync)
            .WithName(Name)
            .RequireAuthorization()
            .RequireIdempotencyKey()
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

    internal static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> HandleAsync(
        string orderId, CancelOrderRequest? body, Caller caller, OrderStore orders, EventCatalog catalog, SetupStore setups, Cancellations cancellations, CancellationToken ct)
    {
        var order = await orders.GetAsync(orderId, consistent: true, ct);
        if (order is null || !TicketingAccess.IsOwnerOrAdmin(order.BuyerId, caller))
        {
            return Problems.For(new NotFound(TicketingAccess.OrderResource, orderId));
        }

        var e = await catalog.GetAsync(order.EventId, consistent: true, ct);
        var settings = (await setups.LoadAsync(order.EventId, consistent: false, ct)).Settings;
        var terms = e is { Status: EventStatus.Cancelled }
            // The event is cancelled: everything paid comes back, whoever asks first.
            ? CancellationTerms.Organizer(body?.Reason, offerFreedSeats: false)
            : new CancellationTerms(false, e is null ? null : TicketSales.RefundDeadline(e, settings), settings.RefundPercent, body?.Reason);
        var cancelled = await cancellations.CancelAsync(order, terms, ct);
        return cancelled.IsSuccess ? TypedResults.Ok(OrderResponse.From(cancelled.Value)) : Problems.For(cancelled.Error);
    }
}
