using BitcoinEvents.Domain.Messages;
using BitcoinEvents.Infrastructure.Messaging;
using BitcoinEvents.Lambda;
using BitcoinEvents.Ticketing.Selling;

namespace BitcoinEvents.Ticketing.Operations;

/// <summary>Consumes PaymentRefunded (Payments): the refund is recorded once; an order refunded in full is Refunded.</summary>
internal sealed class ApplyPaymentRefunded(PaymentOutcomes outcomes) : ISqsMessageHandler<DomainEvent<PaymentRefundedV1>>
{
    public const string Name = nameof(ApplyPaymentRefunded);

    public Task HandleAsync(DomainEvent<PaymentRefundedV1> message, SqsMessageContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        return outcomes.ApplyRefundedAsync(message.Data, ct);
    }
}
