using BitcoinEvents.Domain.Callers;
using BitcoinEvents.Domain.Events;
using BitcoinEvents.Domain.Ticketing;
using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.Infrastructure.Idempotency;
using BitcoinEvents.Ticketing.Contracts;
using BitcoinEvents.Ticketing.Selling;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using InvalidStateTransition = BitcoinEvents.Domain.Results.InvalidStateTransition;

namespace BitcoinEvents.Ticketing.Operations;

/// <summary>
/// POST /events/{eventId}/complimentary-orders with <c>{ "buyerId"?, "attendees": [{ "ticketTypeId", "name" }] }</c>:
/// the event's organizer (or an admin) issues free tickets — to a user (their tickets), or by default
/// to themselves to hand to the named holders. The seats are taken from the quotas like a hold's and
/// the order is paid at once (total 0, complimentary) with its tickets issued and OrderPaid
/// published, all in one transaction. Not enough seats: 409 <c>not_enough_seats</c>. Only while the
/// event is on sale (published, not over). Requires an Idempotency-Key.
/// </summary>
public static class CreateComplimentaryOrder
{
    public const string Name = nameof(CreateComplimentaryOrder);

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/events/{eventId}/complimentary-orders", HandleAsync)
            .WithName(Name)
            .RequireAuthorization()
            .RequireIdempotencyKey()
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

    internal static async Task<Results<Created<OrderResponse>, ProblemHttpResult>> HandleAsync(
        string eventId, ComplimentaryOrderRequest? body, Caller caller, Organizing organizing, ComplimentaryOrders complimentary, TimeProvider clock, CancellationToken ct)
    {
        var managed = await organizing.ForOrganizerAsync(eventId, caller, ct);
        if (!managed.IsSuccess)
        {
            return Problems.For(managed.Error);
        }

        var (e, setup) = managed.Value;
        var now = clock.GetUtcNow();
        if (TicketSales.CheckOnSale(e, now) is not null)
        {
            return Problems.For(new InvalidStateTransition(e.Status == EventStatus.Published ? "over" : e.Status.ToName(), "issue complimentary tickets"));
        }

        var request = body ?? new ComplimentaryOrderRequest();
        var plan = ComplimentaryPlanner.Plan(request.BuyerId, request.Attendees, setup.Types, setup.TotalQuotaId, caller.Id);
        if (!plan.IsSuccess)
        {
            return Problems.For(plan.Error);
        }

        var order = await complimentary.IssueAsync(setup, plan.Value, ct);
        return order.IsSuccess
            ? TypedResults.Created(GetOrder.PathOf(order.Value.Id), OrderResponse.From(order.Value))
            : Problems.For(order.Error);
    }
}
