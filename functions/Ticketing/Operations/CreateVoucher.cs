using BitcoinEvents.Domain.Callers;
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

namespace BitcoinEvents.Ticketing.Operations;

/// <summary>POST /events/{eventId}/vouchers: a discount code (percent or fixed), optionally limited, windowed, scoped, unlocking hidden types.</summary>
public static class CreateVoucher
{
    public const string Name = nameof(CreateVoucher);

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/events/{eventId}/vouchers", HandleAsync)
            .WithName(Name)
            .RequireAuthorization()
            .RequireIdempotencyKey()
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

    internal static async Task<Results<Created<VoucherResponse>, ProblemHttpResult>> HandleAsync(
        string eventId, VoucherInput? body, Caller caller, Organizing organizing, SetupStore setups, TimeProvider clock, CancellationToken ct)
    {
        var managed = await organizing.ForOrganizerAsync(eventId, caller, ct);
        if (!managed.IsSuccess)
        {
            return Problems.For(managed.Error);
        }

        var setup = managed.Value.Setup;
        var created = Voucher.Create(eventId, body ?? new VoucherInput(), setup.TypeIds, setup.Currency, clock.GetUtcNow());
        if (!created.IsSuccess)
        {
            return Problems.For(created.Error);
        }

        return await setups.CreateVoucherAsync(created.Value, ct)
            ? TypedResults.Created($"/organizer/events/{eventId}/vouchers", VoucherResponse.From(created.Value, 0))
            : Problems.For(new Conflict($"This event already has a voucher {created.Value.Code}."));
    }
}
