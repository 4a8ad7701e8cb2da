using System.Security.Cryptography;
using Amazon.SQS;
using BitcoinEvents.Lambda;
using Microsoft.Extensions.Configuration;

namespace BitcoinEvents.Notifications.Delivery;

/// <summary>
/// Holds a message back before its next delivery: after a failure, an exponential backoff with
/// jitter (about 10 s, 30 s, 1.5 min, 4.5 min, 13.5 min, then 15 min), so a provider that is down
/// is not hammered and a short outage loses nothing; for quiet hours, until they end. It sets the
/// received message's visibility timeout (SQS allows up to 12 hours); the consumer then reports the
/// message as failed, so it stays on the queue, and the queue's redrive policy moves it to the DLQ
/// after its last receive.
/// </summary>
internal sealed class QueueBackoff(IAmazonSQS sqs, IConfiguration configuration)
{
    public static readonly TimeSpan MaxVisibility = TimeSpan.FromHours(12);

    /// <summary>The delay before the next delivery after <paramref name="receiveCount"/> failed ones.</summary>
    public static TimeSpan AfterFailure(int receiveCount)
    {
        var exponent = Math.Clamp(receiveCount - 1, 0, 8);
        var seconds = Math.Min(10 * Math.Pow(3, exponent), 900);
        var jitter = 0.8 + (RandomNumberGenerator.GetInt32(0, 401) / 1000.0);
        return TimeSpan.FromSeconds(Math.Round(seconds * jitter));
    }

    /// <summary>Makes the message invisible for <paramref name="delay"/> (clamped to 0–12 h). Best effort: if this fails, the queue's own visibility timeout applies.</summary>
    public async Task HoldBackAsync(SqsMessageContext context, TimeSpan delay, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (string.IsNullOrEmpty(context.ReceiptHandle) || QueueUrl(context.EventSourceArn) is not { } url)
        {
            return;
        }

        var seconds = (int)Math.Clamp(Math.Ceiling(delay.TotalSeconds), 0, MaxVisibility.TotalSeconds);
        try
        {
            await sqs.ChangeMessageVisibilityAsync(url, context.ReceiptHandle, seconds, ct);
        }
        catch (AmazonSQSException)
        {
            // The receipt expired or the queue is unreachable: the visibility timeout stands.
        }
    }

    /// <summary>The queue's URL from its ARN (<c>arn:aws:sqs:region:account:name</c>), on the local endpoint when one is configured.</summary>
    public string? QueueUrl(string queueArn)
    {
        var parts = queueArn.Split(':');
        if (parts.Length != 6 || parts[0] != "arn" || parts[2] != "sqs")
        {
            return null;
        }

        var local = configuration["AWS_ENDPOINT_URL_SQS"];
        var root = string.IsNullOrEmpty(local) ? $"https://sqs.{parts[3]}.amazonaws.com" : local.TrimEnd('/');
        return $"{root}/{parts[4]}/{parts[5]}";
    }
}
