using BitcoinEvents.Domain.Messages;
using BitcoinEvents.Infrastructure.Messaging;
using BitcoinEvents.Lambda;
using BitcoinEvents.Ticketing.Selling;

namespace BitcoinEvents.Ticketing.Operations;

/// <summary>
/// Consumes PaymentSucceeded (Payments): the order is paid and its tickets issued, exactly once,
/// whatever order and however often it arrives; a payment that can't buy anything is refunded.
/// </summary>
internal sealed class OnPaymentSucceeded(PaymentOutcomes outcomes) : ISqsMessageHandler<DomainEvent<PaymentSucceededV1>>
{
    public const string Name = nameof(OnPaymentSucceeded);

    public Task HandleAsync(DomainEvent<PaymentSucceededV1> message, SqsMessageContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        return outcomes.ApplySucceededAsync(message.Data, ct);
    }
}
