using System.Globalization;
using System.Text.Json;
using Amazon.SQS;
using Amazon.SQS.Model;
using BitcoinEvents.Notifications.Contracts;

namespace BitcoinEvents.Notifications.Delivery;

/// <summary>
/// Puts notices on the deliveries queue (<c>DELIVERIES_QUEUE_URL</c>), ten per SendMessageBatch.
/// A notice put twice is delivered once (DeliverNotification claims each send), so a consumer that
/// fails half-way simply puts everything again.
/// </summary>
internal sealed class DeliveriesQueue(IAmazonSQS sqs, NotificationSettings settings)
{
    public async Task EnqueueAsync(IReadOnlyList<NotificationRequestV1> notices, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(notices);
        foreach (var chunk in notices.Chunk(10))
        {
            var response = await sqs.SendMessageBatchAsync(new SendMessageBatchRequest
            {
                QueueUrl = settings.DeliveriesQueueUrl,
                Entries = [.. chunk.Select((n, i) => new SendMessageBatchRequestEntry(i.ToString(CultureInfo.InvariantCulture), JsonSerializer.Serialize(n, NotificationsJsonContext.Default.NotificationRequestV1)))],
            }, ct);
            if (response.Failed is { Count: > 0 } failed)
            {
                throw new InvalidOperationException($"{failed.Count} of {chunk.Length} notices were not queued ({failed[0].Code}); the event is retried.");
            }
        }
    }
}
