using System.Text.RegularExpressions;
using BitcoinEvents.Domain.Callers;
using BitcoinEvents.Domain.Payments;
using BitcoinEvents.Domain.Results;
using BitcoinEvents.Payments.Contracts;
using BitcoinEvents.Payments.Providers;
using BitcoinEvents.Payments.Storage;

namespace BitcoinEvents.Payments.Processing;

/// <summary>What starting a payment gave: the payment, and whether it was created now (201) or already there (200).</summary>
internal sealed record StartedPaymentResult(StoredPayment Payment, bool Created);

/// <summary>
/// Starts the payment of an order through a provider: the amount is the order's total, read from
/// Ticketing; the payment's id derives from the order and the provider, so an order has one payment
/// per provider and asking again (a retry, a second tab) returns it; the provider is called with an
/// idempotency key derived from that id, so a retry never creates a second charge.
/// </summary>
internal sealed partial class PaymentStarts(
    OrderBook orders,
    PaymentStore store,
    PaymentProviderRegistry registry,
    EventProviders offers,
    TimeProvider clock)
{
    public const int MaxReturnUrlLength = 2000;
    public const int MaxOptions = 10;

    public async Task<Result<StartedPaymentResult>> StartAsync(string orderId, StartPaymentRequest? body, Caller caller, CancellationToken ct)
    {
        var request = body ?? new StartPaymentRequest();
        var errors = new List<FieldError>();
        var provider = registry.Find(request.Provider);
        if (string.IsNullOrEmpty(request.Provider))
        {
            errors.Add(new("provider", "is required: the id of a payment provider the event offers."));
        }
        else if (provider is null)
        {
            errors.Add(new("provider", $"is not a payment provider of this platform (its providers: {string.Join(", ", offers.Platform)})."));
        }

        var returnUrl = ReturnUrl(request.ReturnUrl, errors);
        var options = Options(request.Options, errors);
        if (errors.Count > 0)
        {
            return new ValidationFailed(errors);
        }

        var order = await orders.GetAsync(orderId, ct);
        if (order is null || order.BuyerId != caller.Id)
        {
            return new NotFound("order", orderId);
        }

        var now = clock.GetUtcNow();
        if (!order.AwaitsPayment(now))
        {
            return new InvalidStateTransition(order.Status == PayableOrder.PendingStatus ? "past its payment deadline" : order.Status.ToLowerInvariant(), "pay the order");
        }

        var (offered, _) = await offers.OfferedAsync(order.EventId, ct);
        if (!offered.Contains(provider!.Id))
        {
            return new ValidationFailed("provider", $"is not offered for this event (it offers: {string.Join(", ", offered)}).");
        }

        if (!provider.IsConfigured)
        {
            return new ValidationFailed("provider", "is not available right now: choose another.");
        }

        if (!provider.Accepts(order.Total.Currency))
        {
            return new ValidationFailed("provider", $"does not take payments in {order.Total.Currency}.");
        }

        var paymentId = PaymentIds.ForOrder(order.Id, provider.Id);
        var existing = await store.GetAsync(paymentId, consistent: true, ct);
        if (existing is { Payment.ProviderReference: not null })
        {
            return PaymentStatuses.IsOpen(existing.Payment.Status)
                ? new StartedPaymentResult(existing, Created: false)
                : new InvalidStateTransition(PaymentStatuses.Wire(existing.Payment.Status), "start this payment again");
        }

        // The provider first, then one write: nothing is recorded for a start the provider refused. A
        // webhook can only follow the buyer's payment, long after this write.
        var payment = existing?.Payment ?? Payment.Create(paymentId, order.Id, order.EventId, order.BuyerId, provider.Id, order.Total, null, order.PaymentDeadline, now);
        var started = await provider.StartAsync(new PaymentStart(payment, IdempotencyKey(paymentId), returnUrl, options), ct);
        if (!started.TryGetValue(out var result, out var error))
        {
            return error;
        }

        for (var attempt = 0; attempt < 3; attempt++)
        {
            var next = payment.Started(result.ProviderReference, result.Quote, clock.GetUtcNow());
            var references = new[] { result.ProviderReference }.Concat(result.OtherReferences ?? []).Distinct(StringComparer.Ordinal)
                .Select(r => store.ReferencePut(provider.Id, r, paymentId)).ToList();
            if (await store.ReplaceAsync(next, existing?.Payment.Version, result.Instructions, references, ct))
            {
                return new StartedPaymentResult(new StoredPayment(next, result.Instructions), Created: true);
            }

            existing = await store.GetAsync(paymentId, consistent: true, ct);
            if (existing is { Payment.ProviderReference: not null })
            {
                // A concurrent start (same payment id, same idempotency key: the same provider object) recorded it first.
                return new StartedPaymentResult(existing, Created: false);
            }

            payment = existing?.Payment ?? payment;
        }

        throw new InvalidOperationException($"Payment {paymentId} kept changing while it was started.");
    }

    /// <summary>The key every call to start this payment sends to the provider.</summary>
    public static string IdempotencyKey(string paymentId) => "payment-" + paymentId;

    private static Uri? ReturnUrl(string? value, List<FieldError> errors)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Length > MaxReturnUrlLength
            || !Uri.TryCreate(value, UriKind.Absolute, out var url)
            || !(url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback))
            || !string.IsNullOrEmpty(url.UserInfo))
        {
            errors.Add(new("returnUrl", $"must be an absolute https URL (http only on localhost) of at most {MaxReturnUrlLength} characters, without user info."));
            return null;
        }

        return url;
    }

    private static Dictionary<string, string> Options(Dictionary<string, string>? options, List<FieldError> errors)
    {
        if (options is null)
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }

        if (options.Count > MaxOptions)
        {
            errors.Add(new("options", $"may hold at most {MaxOptions} entries."));
        }

        foreach (var (name, value) in options)
        {
            if (!OptionName().IsMatch(name))
            {
                errors.Add(new("options", "names are 1 to 40 characters of a-z, 0-9 and _."));
            }
            else if (value is null || value.Length > 500 || value.Any(char.IsControl))
            {
                errors.Add(new($"options.{name}", "must be text of at most 500 characters, without control characters."));
            }
        }

        return options;
    }

    [GeneratedRegex("^[a-z0-9_]{1,40}$", RegexOptions.CultureInvariant)]
    private static partial Regex OptionName();
}
