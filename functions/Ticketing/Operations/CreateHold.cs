using BitcoinEvents.Domain.Callers;
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
/// POST /events/{eventId}/holds: a signed-in buyer reserves seats (optionally with a voucher). ONE
/// transaction takes the seats from the quotas' buckets, the voucher use and writes the hold,
/// which lasts the event's hold time. Requires an Idempotency-Key (a retry never holds twice).
/// Not enough seats: 409 <c>not_enough_seats</c> saying what is left (and whether the waiting list is open).
/// </summary>
public static class CreateHold
{
    public const string Name = nameof(CreateHold);

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/events/{eventId}/holds", HandleAsync)
            .WithName(Name)
            .RequireAuthorization()
            .RequireIdempotencyKey()
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

    internal static async Task<Results<Created<HoldResponse>, ProblemHttpResult>> HandleAsync(
        string eventId, HoldRequest? body, Caller caller, EventCatalog catalog, SetupStore setups, Reservations reservations, TimeProvider clock, CancellationToken ct)
    {
        var e = await catalog.GetAsync(eventId, consistent: false, ct);
        if (e is null || !e.IsPublic)
        {
            return Problems.For(new NotFound("event", eventId));
        }

        var now = clock.GetUtcNow();
        if (TicketSales.CheckOnSale(e, now) is { } closed)
        {
            return Problems.For(closed);
        }

        var request = body ?? new HoldRequest();
        var setup = await setups.LoadAsync(eventId, consistent: false, ct);
        var code = Voucher.Normalize(request.VoucherCode);
        var voucher = code is not null && setup.Vouchers.TryGetValue(code, out var use) ? use.Voucher : null;
        var plan = HoldPlanner.Plan(request, setup.Types, voucher, setup.TotalQuotaId, now);
        if (!plan.IsSuccess)
        {
            return Problems.For(plan.Error);
        }

        var hold = await reservations.ReserveAsync(setup, plan.Value, caller.Id, HoldKind.Purchase, ct);
        return hold.IsSuccess
            ? TypedResults.Created(GetHold.PathOf(hold.Value.Id), HoldResponse.From(hold.Value, clock.GetUtcNow()))
            : Problems.For(hold.Error);
    }
}
