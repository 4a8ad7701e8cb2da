using BitcoinEvents.Domain.Callers;
using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.Ticketing.Contracts;
using BitcoinEvents.Ticketing.Selling;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BitcoinEvents.Ticketing.Operations;

/// <summary>GET /organizer/events/{eventId}/vouchers: every voucher with its uses.</summary>
public static class ListVouchers
{
    public const string Name = nameof(ListVouchers);

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/organizer/events/{eventId}/vouchers", HandleAsync)
            .WithName(Name)
            .RequireAuthorization()
            .ProducesProblems(StatusCodes.Status404NotFound);

    internal static async Task<Results<Ok<VoucherListResponse>, ProblemHttpResult>> HandleAsync(string eventId, Caller caller, Organizing organizing, CancellationToken ct)
    {
        var managed = await organizing.ForOrganizerAsync(eventId, caller, ct);
        return managed.IsSuccess
            ? TypedResults.Ok(new VoucherListResponse([.. managed.Value.Setup.Vouchers.Values.OrderBy(v => v.Voucher.Code, StringComparer.Ordinal).Select(v => VoucherResponse.From(v.Voucher, v.Used))]))
            : Problems.For(managed.Error);
    }
}
