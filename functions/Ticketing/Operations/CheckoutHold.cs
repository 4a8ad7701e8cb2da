using BitcoinEvents.Domain.Callers;
using BitcoinEvents.Domain.Events;
using BitcoinEvents.Domain.Messages;
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
using InvalidStateTransition = BitcoinEvents.Domain.Results.InvalidStateTransition;
using NotFound = BitcoinEvents.Domain.Results.NotFound;

namespace BitcoinEvents.Ticketing.Operations;

/// <summary>
/// POST /holds/{holdId}/checkout with the holder of each seat: the hold becomes an order at the
/// prices it was taken at (the total computed here, never by the client). A free order is paid at
/// once and its tickets issued; otherwise it awaits payment until the hold's deadline. The write
/// is conditional on the hold being still active and unexpired: a late checkout is 409; so is one
/// for an event no longer on sale (cancelled). A waiting-list offer is checked out like any hold (by
/// its owner only) and fulfils its waiting entry in the same transaction.
/// </summary>
public static class CheckoutHold
{
    public const string Name = nameof(CheckoutHold);

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/holds/{holdId}/checkout", HandleAsync)
            .WithName(Name)
            .RequireAuthorization()
            .RequireIdempotencyKey()
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

    internal static async Task<Results<Created<OrderResponse>, ProblemHttpResult>> HandleAsync(
        string holdId, CheckoutRequest? body, Caller caller, HoldStore holds, OrderStore orders, SetupStore setups, Issuing issuing, WaitingListOffers offers, EventCatalog catalog, TimeProvider clock, CancellationToken ct)
    {
        var hold = await holds.GetAsync(holdId, consistent: true, ct);
        if (hold is null || hold.OwnerId != caller.Id)
        {
            return Problems.For(new NotFound(TicketingAccess.HoldResource, holdId));
        }

        var now = clock.GetUtcNow();
        if (!hold.IsActiveAt(now))
        {
            return Problems.For(new InvalidStateTransition(hold.Status == HoldStatus.Active ? "expired" : hold.Status.ToString().ToLowerInvariant(), "check out the hold"));
        }

        // A hold of an event cancelled meanwhile buys nothing (its seats go back when it expires).
        if ((await catalog.GetAsync(hold.EventId, consistent: true, ct)) is { Status: not EventStatus.Published } e)
        {
            return Problems.For(new InvalidStateTransition($"the event is {e.Status.ToName()}", "check out the hold"));
        }

        var orderId = TicketingIds.Derive("order", hold.Id);
        var placed = Order.FromHold(orderId, hold, body ?? new CheckoutRequest(), now);
        if (!placed.IsSuccess)
        {
            return Problems.For(placed.Error);
        }

        var order = placed.Value;
        IReadOnlyList<Ticket> tickets = [];
        List<Amazon.DynamoDBv2.Model.TransactWriteItem> messages;
        if (order.Status == OrderStatus.Paid)
        {
            var setup = await setups.LoadAsync(hold.EventId, consistent: false, ct);
            var issued = await issuing.IssueAsync(order, setup.Types, now, ct);
            (order, tickets, messages) = (issued.Order, issued.Tickets, [.. issued.Outbox]);
        }
        else
        {
            messages = [issuing.Event(
                new OrderPlacedV1(order.Id, order.EventId, order.BuyerId, MoneyDto.From(order.Total), order.PaymentDeadline),
                MessagesJsonContext.Default.OrderPlacedV1, order.Id, now, "OrderPlaced", order.Id)];
        }

        // Checking out a waiting-list offer fulfils its entry, in the same transaction.
        messages.AddRange(await offers.FulfilAsync(hold, now, ct));
        var checkedOut = hold with { Status = HoldStatus.CheckedOut, OrderId = order.Id, Version = hold.Version + 1 };
        return await orders.PlaceAsync(checkedOut, hold.Version, order, tickets, messages, now, ct) == CheckoutWrite.Placed
            ? TypedResults.Created(GetOrder.PathOf(order.Id), OrderResponse.From(order))
            : Problems.For(new InvalidStateTransition("expired or already checked out", "check out the hold"));
    }
}
