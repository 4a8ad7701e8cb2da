using BitcoinEvents.Domain.Callers;
using BitcoinEvents.Domain.Ticketing;
using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.Ticketing.Contracts;
using BitcoinEvents.Ticketing.Selling;
using BitcoinEvents.Ticketing.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Conflict = BitcoinEvents.Domain.Results.Conflict;
using NotFound = BitcoinEvents.Domain.Results.NotFound;

namespace BitcoinEvents.Ticketing.Operations;

/// <summary>PATCH /events/{eventId}/vouchers/{voucherCode}: disable or enable it, move its window or its limit (never below the uses taken).</summary>
public static class UpdateVoucher
{
    public const string Name = nameof(UpdateVoucher);

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapPatch("/events/{eventId}/vouchers/{voucherCode}", HandleAsync)
            .WithName(Name)
            .RequireAuthorization()
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

    internal static async Task<Results<Ok<VoucherResponse>, ProblemHttpResult>> HandleAsync(
        string eventId, string voucherCode, VoucherUpdate? body, Caller caller, Organizing organizing, SetupStore setups, CancellationToken ct)
    {
        var managed = await organizing.ForOrganizerAsync(eventId, caller, ct);
        if (!managed.IsSuccess)
        {
            return Problems.For(managed.Error);
        }

        var code = Voucher.Normalize(voucherCode) ?? string.Empty;
        if (!managed.Value.Setup.Vouchers.TryGetValue(code, out var current))
        {
            return Problems.For(new NotFound("voucher", code));
        }

        var updated = current.Voucher.Update(body ?? new VoucherUpdate(), current.Used);
        if (!updated.IsSuccess)
        {
            return Problems.For(updated.Error);
        }

        return await setups.UpdateVoucherAsync(updated.Value, current.Voucher.Version, ct)
            ? TypedResults.Ok(VoucherResponse.From(updated.Value, current.Used))
            : Problems.For(new Conflict("The voucher changed or was used meanwhile; read it again and reapply the change."));
    }
}
