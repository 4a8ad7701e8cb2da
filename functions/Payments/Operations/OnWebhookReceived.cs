using BitcoinEvents.Lambda;
using BitcoinEvents.Payments.Contracts;
using BitcoinEvents.Payments.Processing;
using BitcoinEvents.Payments.Providers;
using BitcoinEvents.Payments.Storage;
using Microsoft.Extensions.Logging;

namespace BitcoinEvents.Payments.Operations;

/// <summary>
/// Consumes PaymentsWebhookQueue: applies one stored webhook delivery to its payment's state machine.
/// The provider translates the delivery into observations; the payment changes (and its messages go to
/// the outbox) in one conditional write. Deliveries arrive twice and out of order: a delivery applied
/// before, or an observation the payment is past, changes nothing. A delivery about no payment of ours
/// is retried a few times (its payment may still be being recorded), then acknowledged and ignored.
/// </summary>
internal sealed partial class OnWebhookReceived(PaymentProviderRegistry registry, PaymentStore store, PaymentUpdates updates, ILogger<OnWebhookReceived> logger)
    : ISqsMessageHandler<WebhookReceived>
{
    public const string Name = nameof(OnWebhookReceived);

    /// <summary>Receives of a delivery whose payment is not found before it is ignored.</summary>
    public const int UnknownPaymentAttempts = 3;

    private readonly PaymentProviderRegistry _registry = registry;
    private readonly PaymentStore _store = store;
    private readonly PaymentUpdates _updates = updates;
    private readonly ILogger<OnWebhookReceived> _logger = logger;

    public async Task HandleAsync(WebhookReceived message, SqsMessageContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(context);
        var provider = _registry.Find(message.Provider) ?? throw new InvalidOperationException($"No payment provider '{message.Provider}'.");
        var delivery = await _store.GetDeliveryAsync(message.Provider, message.EventId, ct);
        if (delivery is null || delivery.State == StoredDelivery.Applied)
        {
            return;
        }

        var translation = await provider.TranslateAsync(delivery.ToWebhook(), ct);
        if (translation is WebhookTranslation.Ignored ignored)
        {
            LogIgnored(_logger, message.Provider, message.EventId, delivery.EventType, ignored.Reason);
            await _store.MarkDeliveryAppliedAsync(message.Provider, message.EventId, ct);
            return;
        }

        var about = (WebhookTranslation.About)translation;
        var paymentId = await FindAsync(message.Provider, about.Locator, ct);
        if (paymentId is null)
        {
            if (context.ApproximateReceiveCount < UnknownPaymentAttempts)
            {
                throw new InvalidOperationException($"Webhook {message.EventId} from {message.Provider} is about no payment found yet; it will be retried.");
            }

            LogIgnored(_logger, message.Provider, message.EventId, delivery.EventType, "about no payment of this platform");
            await _store.MarkDeliveryAppliedAsync(message.Provider, message.EventId, ct);
            return;
        }

        var payment = await _updates.ApplyAsync(paymentId, about.Observations, [], ct);
        await _store.MarkDeliveryAppliedAsync(message.Provider, message.EventId, ct);
        LogApplied(_logger, message.Provider, message.EventId, delivery.EventType, paymentId, payment is null ? "gone" : Domain.Payments.PaymentStatuses.Wire(payment.Status));
    }

    private async Task<string?> FindAsync(string provider, PaymentLocator locator, CancellationToken ct)
    {
        string? found = null;
        var byId = false;
        if (locator.PaymentId is { } id && (await _store.GetAsync(id, consistent: true, ct))?.Payment is { } payment && payment.Provider == provider)
        {
            (found, byId) = (id, true);
        }
        else if (locator.ProviderReference is { } reference)
        {
            found = await _store.FindByReferenceAsync(provider, reference, ct);
        }

        if (found is not null)
        {
            var learnt = (locator.OtherReferences ?? []).Concat(byId && locator.ProviderReference is { } r ? [r] : []);
            foreach (var other in learnt)
            {
                await _store.RememberReferenceAsync(provider, other, found, ct);
            }
        }

        return found;
    }

    [LoggerMessage(EventId = 4301, Level = LogLevel.Information, Message = "Webhook {EventId} ({EventType}) from {Provider} applied to payment {PaymentId}: {Status}")]
    private static partial void LogApplied(ILogger logger, string provider, string eventId, string eventType, string paymentId, string status);

    [LoggerMessage(EventId = 4302, Level = LogLevel.Information, Message = "Webhook {EventId} ({EventType}) from {Provider} acknowledged and ignored: {Reason}")]
    private static partial void LogIgnored(ILogger logger, string provider, string eventId, string eventType, string reason);
}
