using Amazon.DynamoDBv2.Model;
using BitcoinEvents.Domain.Payments;
using BitcoinEvents.Payments.Storage;
using Microsoft.Extensions.Logging;

namespace BitcoinEvents.Payments.Processing;

/// <summary>
/// Applies what a provider says (observations) to a payment: the state machine decides, and the new
/// state, the messages it causes and any extra writes (a delivery marked applied) go in ONE
/// transaction conditional on the version read. Two writers racing: one wins, the other re-reads and
/// applies again (a duplicate then changes nothing). Used by the webhook worker, reconciliation,
/// refunds and expiry alike, so a payment changes the same way whoever learnt of it.
/// </summary>
internal sealed partial class PaymentUpdates(PaymentStore store, PaymentMessages messages, TimeProvider clock, ILogger<PaymentUpdates> logger)
{
    public const int MaxAttempts = 6;

    private readonly Random _random = new();

    /// <summary>Applies <paramref name="observations"/> in order; returns the payment as written (null: no such payment).</summary>
    public Task<Payment?> ApplyAsync(string paymentId, IReadOnlyList<PaymentObservation> observations, IReadOnlyList<TransactWriteItem> alsoWrite, CancellationToken ct) =>
        UpdateAsync(paymentId, stored => Observe(stored.Payment, observations), alsoWrite, ct);

    /// <summary>
    /// Changes a payment with <paramref name="decide"/> (given the stored payment, returns the next one and
    /// its effects, or null for no change), retrying on conflict; returns the payment as written.
    /// </summary>
    public async Task<Payment?> UpdateAsync(string paymentId, Func<StoredPayment, (Payment Next, IReadOnlyList<PaymentEffect> Effects)?> decide, IReadOnlyList<TransactWriteItem> alsoWrite, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(decide);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var stored = await store.GetAsync(paymentId, consistent: true, ct);
            if (stored is null)
            {
                return null;
            }

            var decision = decide(stored);
            if (decision is not { } change)
            {
                return stored.Payment;
            }

            var writes = messages.For(change.Next, change.Effects, clock.GetUtcNow());
            if (await store.ReplaceAsync(change.Next, stored.Payment.Version, stored.Instructions, [.. writes, .. alsoWrite], ct))
            {
                if (logger.IsEnabled(LogLevel.Information))
                {
                    var status = PaymentStatuses.Wire(change.Next.Status);
                    foreach (var effect in change.Effects)
                    {
                        LogEffect(logger, paymentId, effect.GetType().Name, status);
                    }
                }

                return change.Next;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(_random.Next(10, 50 * attempt)), ct);
        }

        throw new InvalidOperationException($"Payment {paymentId} kept changing; the work will be retried.");
    }

    /// <summary>The observations applied in order: the final payment and every effect, or null when nothing changed.</summary>
    public (Payment Next, IReadOnlyList<PaymentEffect> Effects)? Observe(Payment payment, IReadOnlyList<PaymentObservation> observations)
    {
        ArgumentNullException.ThrowIfNull(observations);
        var now = clock.GetUtcNow();
        var current = payment;
        var effects = new List<PaymentEffect>();
        foreach (var observation in observations)
        {
            var change = current.Apply(observation, now);
            if (change.Ignored is { } why)
            {
                LogIgnored(logger, payment.Id, observation.GetType().Name, why);
            }

            if (change.Changed)
            {
                current = change.Payment with { Version = payment.Version + 1 };
                effects.AddRange(change.Effects);
            }
        }

        return ReferenceEquals(current, payment) ? null : (current, effects);
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Payment {PaymentId}: {Effect} (now {Status})")]
    private static partial void LogEffect(ILogger logger, string paymentId, string effect, string status);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "Payment {PaymentId}: ignored a {Observation}: {Why}")]
    private static partial void LogIgnored(ILogger logger, string paymentId, string observation, string why);
}
