using BitcoinEvents.Domain.Callers;
using BitcoinEvents.Domain.Events;
using BitcoinEvents.Domain.Money;
using BitcoinEvents.Domain.Payments;
using BitcoinEvents.Domain.Results;
using BitcoinEvents.Infrastructure.Catalog;
using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.Infrastructure.Idempotency;
using BitcoinEvents.Domain.Messages;
using BitcoinEvents.Payments.Contracts;
using BitcoinEvents.Payments.Processing;
using BitcoinEvents.Payments.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using MoneyAmount = BitcoinEvents.Domain.Money.Money;
using NotFound = BitcoinEvents.Domain.Results.NotFound;

namespace BitcoinEvents.Payments.Operations;

/// <summary>
/// POST /payments/{paymentId}/refunds: the event's organizer (or an admin) gives money of a payment
/// back, through the provider that took it; all that is left when no amount is given, never more.
/// The Idempotency-Key names the refund: a retry is the same refund. 202 with where it stands; the
/// money going back reaches Ticketing as PaymentRefunded (a full refund voids the order's tickets).
/// </summary>
public static class RefundPayment
{
    public const string Name = nameof(RefundPayment);

    public const int MaxReasonLength = 200;

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/payments/{paymentId}/refunds", HandleAsync)
            .WithName(Name)
            .RequireAuthorization()
            .RequireIdempotencyKey()
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

    internal static async Task<Results<Accepted<RefundResponse>, ProblemHttpResult>> HandleAsync(
        string paymentId, RefundPaymentRequest? body, Caller caller, HttpRequest request, PaymentStore store, EventCatalog catalog, Refunds refunds, CancellationToken ct)
    {
        var stored = await store.GetAsync(paymentId, consistent: true, ct);
        if (stored is null)
        {
            return Problems.For(new NotFound("payment", paymentId));
        }

        var payment = stored.Payment;
        if (!caller.IsAdmin && (await catalog.GetAsync(payment.EventId, consistent: false, ct))?.CanManage(caller) != true)
        {
            return Problems.For(payment.BuyerId == caller.Id
                ? new Forbidden("Only the event's organizer refunds a payment; cancel the order to ask for your money back.")
                : new NotFound("payment", paymentId));
        }

        var errors = new List<FieldError>();
        var amount = Amount(body?.Amount, errors);
        var reason = body?.Reason;
        if (reason is not null && (reason.Length > MaxReasonLength || reason.Any(char.IsControl)))
        {
            errors.Add(new("reason", $"must be at most {MaxReasonLength} characters, without control characters."));
        }

        if (errors.Count > 0)
        {
            return Problems.For(new ValidationFailed(errors));
        }

        var key = request.Headers[IdempotencyKeys.HeaderName].ToString();
        var requestId = PaymentIds.Derive("organizer-refund", paymentId, caller.Id, key);
        var refunded = await refunds.RefundAsync(paymentId, requestId, amount, string.IsNullOrWhiteSpace(reason) ? "Refunded by the organizer." : reason, clamp: false, ct);
        if (!refunded.TryGetValue(out var claim, out var error))
        {
            return Problems.For(error);
        }

        if (claim is null)
        {
            return Problems.For(new InvalidStateTransition("refunded in full", "refund the payment"));
        }

        return TypedResults.Accepted(
            GetPayment.PathOf(paymentId),
            new RefundResponse(claim.RequestId, paymentId, MoneyDto.From(claim.Amount), claim.Status.ToString().ToLowerInvariant(), claim.ProviderRefundId));
    }

    private static MoneyAmount? Amount(MoneyDto? dto, List<FieldError> errors)
    {
        if (dto is null)
        {
            return null;
        }

        if (!Currencies.IsKnown(dto.Currency))
        {
            errors.Add(new("amount.currency", "must be the order's currency (ISO 4217, upper case)."));
        }

        if (dto.Amount <= 0)
        {
            errors.Add(new("amount.amount", "must be more than zero, in minor units (cents)."));
        }

        return errors.Count == 0 ? new MoneyAmount(dto.Amount, dto.Currency) : null;
    }
}
