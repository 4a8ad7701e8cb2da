using BitcoinEvents.Domain.Messages;
using BitcoinEvents.Infrastructure.Messaging;
using BitcoinEvents.Lambda;
using BitcoinEvents.Ticketing.Selling;

namespace BitcoinEvents.Ticketing.Operations;

/// <summary>
/// Consumes PaymentSucceeded (Payments): the order is paid and its tickets issued, exactly once,
/// whatever order and however often it arrives; a payment that can't buy anything is refunded.
/// (Apply…, not On…: Notifications' OnPaymentRefunded shares the event, and logical ids are unique across stacks.)
/// </summary>
internal sealed class ApplyPaymentSucceeded(PaymentOutcomes outcomes) : ISqsMessageHandler<DomainEvent<PaymentSucceededV1>>
{
    public const string Name = nameof(ApplyPaymentSucceeded);

    public Task HandleAsync(DomainEvent<PaymentSucceededV1> message, SqsMessageContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        return outcomes.ApplySucceededAsync(message.Data, ct);
    }
}
