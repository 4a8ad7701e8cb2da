using BitcoinEvents.Domain.Callers;
using BitcoinEvents.Domain.Events;
using BitcoinEvents.Infrastructure.Catalog;
using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.Payments.Contracts;
using BitcoinEvents.Payments.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using NotFound = BitcoinEvents.Domain.Results.NotFound;

namespace BitcoinEvents.Payments.Operations;

/// <summary>
/// GET /payments/{paymentId}: the buyer's payment, with its instructions while it is open; also its
/// event's organizer and admins (without instructions). Anyone else: 404.
/// </summary>
public static class GetPayment
{
    public const string Name = nameof(GetPayment);

    public static string PathOf(string paymentId) => $"/payments/{paymentId}";

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/payments/{paymentId}", HandleAsync)
            .WithName(Name)
            .RequireAuthorization()
            .ProducesProblems(StatusCodes.Status404NotFound);

    internal static async Task<Results<Ok<PaymentResponse>, ProblemHttpResult>> HandleAsync(string paymentId, Caller caller, PaymentStore store, EventCatalog catalog, CancellationToken ct)
    {
        var stored = await store.GetAsync(paymentId, consistent: true, ct);
        if (stored is null)
        {
            return Problems.For(new NotFound("payment", paymentId));
        }

        var buyer = stored.Payment.BuyerId == caller.Id;
        var manages = !buyer && (caller.IsAdmin || (await catalog.GetAsync(stored.Payment.EventId, consistent: false, ct))?.CanManage(caller) == true);
        return buyer || manages
            ? TypedResults.Ok(PaymentResponse.From(stored, forBuyer: buyer))
            : Problems.For(new NotFound("payment", paymentId));
    }
}
