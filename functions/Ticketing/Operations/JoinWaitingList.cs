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
using Conflict = BitcoinEvents.Domain.Results.Conflict;
using InvalidStateTransition = BitcoinEvents.Domain.Results.InvalidStateTransition;

namespace BitcoinEvents.Ticketing.Operations;

/// <summary>
/// POST /events/{eventId}/waiting-list with <c>{ "ticketTypeId", "quantity" }</c>: a signed-in buyer
/// joins the line of a ticket type that is sold out (or has fewer seats left than they want; with
/// enough seats left: 409 saying so). The quantity is what an offer will hold, within the type's
/// per-order limits. One active entry per buyer and type (a second: 409). Requires an
/// Idempotency-Key. Freed seats are then offered in line order (docs/ticketing.md, "Waiting list").
/// </summary>
public static class JoinWaitingList
{
    public const string Name = nameof(JoinWaitingList);

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/events/{eventId}/waiting-list", HandleAsync)
            .WithName(Name)
            .RequireAuthorization()
            .RequireIdempotencyKey()
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

    internal static async Task<Results<Created<WaitingListEntryResponse>, ProblemHttpResult>> HandleAsync(
        string eventId, JoinWaitingListRequest? body, Caller caller, Organizing organizing, Availability availability, WaitingListStore lines, TimeProvider clock, CancellationToken ct)
    {
        var managed = await organizing.ForPublicAsync(eventId, ct);
        if (!managed.IsSuccess)
        {
            return Problems.For(managed.Error);
        }

        var (e, setup) = managed.Value;
        var now = clock.GetUtcNow();
        if (TicketSales.CheckOnSale(e, now) is not null)
        {
            return Problems.For(new InvalidStateTransition(e.Status == EventStatus.Published ? "over" : e.Status.ToName(), "join the waiting list"));
        }

        var request = body ?? new JoinWaitingListRequest();
        var type = request.TicketTypeId is { } typeId && setup.Types.TryGetValue(typeId, out var t) ? t : null;
        if (WaitingLine.CheckType(type, now) is { } refused)
        {
            return Problems.For(refused);
        }

        var entry = WaitingListEntry.Join(TicketingIds.New(clock), type!, caller.Id, request.Quantity, now);
        if (!entry.IsSuccess)
        {
            return Problems.For(entry.Error);
        }

        var left = (await availability.OfTypesAsync(setup, ct)).GetValueOrDefault(type!.Id);
        if (WaitingLine.CheckSoldOut(type, entry.Value.Quantity, left) is { } available)
        {
            return Problems.For(available);
        }

        return await lines.JoinAsync(entry.Value, ct) == JoinWrite.Joined
            ? TypedResults.Created(ListMyWaitingList.Path, WaitingListEntryResponse.From(entry.Value))
            : Problems.For(new Conflict($"You are already on the waiting list for {type.Name}: leave it first to ask for another quantity."));
    }
}
