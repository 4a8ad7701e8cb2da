using BitcoinEvents.Domain.Messages;
using BitcoinEvents.Domain.Payments;
using BitcoinEvents.Infrastructure.Messaging;
using BitcoinEvents.Lambda;
using BitcoinEvents.Payments.Processing;
using BitcoinEvents.Payments.Providers;
using BitcoinEvents.Payments.Storage;

namespace BitcoinEvents.Payments.Operations;

/// <summary>
/// Consumes OrderExpired (Ticketing): the order's hold ran out, so whatever its buyer could still pay
/// with is closed at the provider (a Stripe Checkout Session lives at least 30 minutes, longer than a
/// 15-minute hold: it is expired explicitly), and its open payments expire. Money that arrives anyway
/// is a late payment, which Ticketing decides about. Idempotent: closing twice changes nothing.
/// </summary>
internal sealed class OnOrderExpired(PaymentStore store, PaymentProviderRegistry registry, PaymentUpdates updates, TimeProvider clock)
    : ISqsMessageHandler<DomainEvent<OrderExpiredV1>>
{
    public const string Name = nameof(OnOrderExpired);

    public async Task HandleAsync(DomainEvent<OrderExpiredV1> message, SqsMessageContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        foreach (var stored in await store.ListByOrderAsync(message.Data.OrderId, ct))
        {
            if (!PaymentStatuses.IsOpen(stored.Payment.Status))
            {
                continue;
            }

            var closed = stored.Payment.ProviderReference is null ? [] : await registry.Get(stored.Payment.Provider).CloseAsync(stored.Payment, ct);
            await updates.ApplyAsync(stored.Payment.Id, [.. closed, new PaymentObservation.Expired(clock.GetUtcNow())], [], ct);
        }
    }
}
