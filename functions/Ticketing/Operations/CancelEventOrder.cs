using BitcoinEvents.Domain.Callers;
using BitcoinEvents.Domain.Events;
using BitcoinEvents.Domain.Ticketing;
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
/// POST /organizer/events/{eventId}/orders/{orderId}/cancel with an optional <c>{ "reason" }</c>: the
/// event's organizer (or an admin) cancels an order at any time: pending or paid, tickets void,
/// seats to the waiting list first, and everything paid asked back from Payments. Already
/// cancelled: 200 with the order as it is. Another organizer, or an order of another event: 404.
/// Requires an Idempotency-Key.
/// </summary>
public static class CancelEventOrder
{
    public const string Name = nameof(CancelEventOrder);

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/organizer/events/{eventId}/orders/{orderId}/cancel", HandleAsync)
            .WithName(Name)
            .RequireAuthorization()
            .RequireIdempotencyKey()
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

    internal static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> HandleAsync(
        string eventId, string orderId, CancelOrderRequest? body, Caller caller, Organizing organizing, OrderStore orders, Cancellations cancellations, CancellationToken ct)
    {
        var managed = await organizing.ForOrganizerAsync(eventId, caller, ct);
        if (!managed.IsSuccess)
        {
            return Problems.For(managed.Error);
        }

        var order = await orders.GetAsync(orderId, consistent: true, ct);
        if (order is null || order.EventId != eventId)
        {
            return Problems.For(new NotFound(TicketingAccess.OrderResource, orderId));
        }

        var cancelled = await cancellations.CancelAsync(order, CancellationTerms.Organizer(body?.Reason, offerFreedSeats: managed.Value.Event.Status != EventStatus.Cancelled), ct);
        return cancelled.IsSuccess ? TypedResults.Ok(OrderResponse.From(cancelled.Value)) : Problems.For(cancelled.Error);
    }
}
