using Amazon.DynamoDBv2.Model;
using BitcoinEvents.Domain.Messages;
using BitcoinEvents.Domain.Payments;
using BitcoinEvents.Infrastructure.Messaging;

namespace BitcoinEvents.Payments.Processing;

/// <summary>
/// What a payment's change tells other areas, as outbox Puts for the change's own transaction:
/// PaymentSucceeded / PaymentFailed / PaymentRefunded (Ticketing), and RefundRequested for money the
/// payment owes back on its own account (OnRefundRequested of this area refunds it, like any refund).
/// Ids derive from the effect's id: a retried write records each message once.
/// </summary>
internal sealed class PaymentMessages(Outbox outbox)
{
    public const string Source = "payments";

    public IReadOnlyList<TransactWriteItem> For(Payment payment, IReadOnlyList<PaymentEffect> effects, DateTimeOffset now) =>
        [.. effects.Select(effect => outbox.Put(Envelope(payment, effect, now)))];

    internal static DomainEventEnvelope Envelope(Payment payment, PaymentEffect effect, DateTimeOffset now) => effect switch
    {
        PaymentEffect.Succeeded succeeded => Create(
            new PaymentSucceededV1(payment.OrderId, payment.Id, payment.Provider, MoneyDto.From(payment.Received), MoneyDto.From(succeeded.Settles), succeeded.At),
            MessagesJsonContext.Default.PaymentSucceededV1,
            payment,
            effect),
        PaymentEffect.Failed failed => Create(
            new PaymentFailedV1(payment.OrderId, payment.Id, payment.Provider, failed.Reason, failed.At),
            MessagesJsonContext.Default.PaymentFailedV1,
            payment,
            effect),
        PaymentEffect.Refunded refunded => Create(
            new PaymentRefundedV1(payment.OrderId, payment.Id, refunded.Id, MoneyDto.From(refunded.Settles), refunded.At),
            MessagesJsonContext.Default.PaymentRefundedV1,
            payment,
            effect),
        PaymentEffect.RefundOwed owed => Create(
            new RefundRequestedV1(owed.Id, payment.OrderId, payment.Id, MoneyDto.From(owed.Amount), owed.Reason, now),
            MessagesJsonContext.Default.RefundRequestedV1,
            payment,
            effect),
        _ => throw new ArgumentException($"Unknown effect {effect.GetType().Name}.", nameof(effect)),
    };

    private static DomainEventEnvelope Create<T>(T data, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, Payment payment, PaymentEffect effect)
        where T : IDomainEvent =>
        DomainEventEnvelope.Create(data, type, DomainEventIds.From(Source, T.EventType, effect.Id), Source, payment.Id, effect.At);
}
