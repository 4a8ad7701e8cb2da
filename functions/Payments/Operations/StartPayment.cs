using BitcoinEvents.Domain.Callers;
using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.Infrastructure.Idempotency;
using BitcoinEvents.Payments.Contracts;
using BitcoinEvents.Payments.Processing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BitcoinEvents.Payments.Operations;

/// <summary>
/// POST /orders/{orderId}/payments with a provider id: the buyer starts paying their pending order
/// through one of the providers its event offers. The amount is the order's total (from Ticketing),
/// never the client's. 201 with what the frontend needs (a client secret, a Checkout URL, Razorpay's
/// order id and key id...); asking again for the same provider returns the same payment (200).
/// </summary>
public static class StartPayment
{
    public const string Name = nameof(StartPayment);

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/orders/{orderId}/payments", HandleAsync)
            .WithName(Name)
            .RequireAuthorization()
            .RequireIdempotencyKey()
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

    internal static async Task<Results<Created<PaymentResponse>, Ok<PaymentResponse>, ProblemHttpResult>> HandleAsync(
        string orderId, StartPaymentRequest? body, Caller caller, PaymentStarts starts, CancellationToken ct)
    {
        var started = await starts.StartAsync(orderId, body, caller, ct);
        if (!started.TryGetValue(out var result, out var error))
        {
            return Problems.For(error);
        }

        var response = PaymentResponse.From(result.Payment, forBuyer: true);
        return result.Created ? TypedResults.Created(GetPayment.PathOf(response.Id), response) : TypedResults.Ok(response);
    }
}
