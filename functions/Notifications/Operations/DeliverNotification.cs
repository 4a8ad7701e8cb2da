using BitcoinEvents.Lambda;
using BitcoinEvents.Notifications.Contracts;
using BitcoinEvents.Notifications.Delivery;
using BitcoinEvents.Notifications.Storage;

namespace BitcoinEvents.Notifications.Operations;

/// <summary>
/// Consumes the deliveries queue: sends one notice to its recipient on each channel they want
/// (<see cref="Deliverer"/>), each send exactly once. A failed send holds the message back with
/// exponential backoff before the next try; after the queue's last receive it goes to the DLQ.
/// SMS and push that fall in the recipient's quiet hours hold the message back until they end
/// (email has gone already, and is not sent again).
/// </summary>
internal sealed class DeliverNotification(Deliverer deliverer, QueueBackoff backoff, TimeProvider clock) : ISqsMessageHandler<NotificationRequestV1>
{
    public const string Name = nameof(DeliverNotification);

    public async Task HandleAsync(NotificationRequestV1 message, SqsMessageContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(context);
        DeliveryOutcome outcome;
        try
        {
            outcome = await deliverer.DeliverAsync(message, ct);
        }
        catch (SendInFlightException)
        {
            // Another delivery of this notice is sending: look again once its claim could have run out.
            await backoff.HoldBackAsync(context, SendStore.Lease, ct);
            throw;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            await backoff.HoldBackAsync(context, QueueBackoff.AfterFailure(context.ApproximateReceiveCount), ct);
            throw;
        }

        if (outcome.DeferredUntil is { } until)
        {
            await backoff.HoldBackAsync(context, until - clock.GetUtcNow(), ct);
            throw new NotificationDeferredException(until);
        }
    }
}

/// <summary>Reported as a failure so the queue keeps the message: SMS or push wait for the quiet hours to end.</summary>
internal sealed class NotificationDeferredException(DateTimeOffset until)
    : Exception($"SMS or push wait for the recipient's quiet hours to end at {until:O}; the message comes back then.");
