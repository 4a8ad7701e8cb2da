using BitcoinEvents.Domain.Results;
using BitcoinEvents.Payments.Contracts;
using BitcoinEvents.Payments.Providers;
using BitcoinEvents.Payments.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BitcoinEvents.Payments.Processing;

/// <summary>
/// A webhook route's work (ARCHITECTURE decision 6): verify the provider's signature on the raw body,
/// store the delivery under the provider's event id (a duplicate stores nothing), put it on the
/// queue, answer at once. Nothing is stored for a delivery that fails verification. A duplicate of a
/// delivery not yet applied is queued again: the first enqueue may have failed after the store, and
/// the worker applies a delivery once whatever it is given.
/// </summary>
internal sealed partial class WebhookIntake(PaymentProviderRegistry registry, PaymentStore store, WebhookQueue queue, TimeProvider clock, ILogger<WebhookIntake> logger)
{
    public const string SignatureField = "signature";

    public async Task<Result<WebhookAcknowledgement>> ReceiveAsync(string providerId, HttpRequest request, CancellationToken ct)
    {
        var provider = registry.Get(providerId);
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, ct);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers)
        {
            headers[name] = values.ToString();
        }

        var delivery = new WebhookDelivery(body.ToArray(), headers, clock.GetUtcNow());
        switch (provider.Verify(delivery))
        {
            case WebhookVerification.Rejected rejected:
                LogRejected(logger, providerId, rejected.Reason);
                return new ValidationFailed(SignatureField, rejected.Reason);
            case WebhookVerification.Verified verified:
                var webhook = new VerifiedWebhook(verified.EventId, verified.EventType, delivery.Body, delivery.ReceivedAt);
                var earlier = await store.PutDeliveryAsync(providerId, webhook, ct);
                if (earlier is null || earlier.State != StoredDelivery.Applied)
                {
                    await queue.SendAsync(new WebhookReceived(providerId, verified.EventId), ct);
                }

                LogReceived(logger, providerId, verified.EventId, verified.EventType, earlier is not null);
                return new WebhookAcknowledgement(Received: true, Duplicate: earlier is not null);
            default:
                throw new InvalidOperationException("Unknown verification outcome.");
        }
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Webhook for {Provider} refused: {Reason}")]
    private static partial void LogRejected(ILogger logger, string provider, string reason);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Webhook {EventId} ({EventType}) from {Provider} stored (duplicate: {Duplicate})")]
    private static partial void LogReceived(ILogger logger, string provider, string eventId, string eventType, bool duplicate);
}
