using BitcoinEvents.Lambda;
using BitcoinEvents.Notifications.Contracts;
using BitcoinEvents.Notifications.Delivery;
using BitcoinEvents.Notifications.Storage;
using Microsoft.Extensions.Logging;

namespace BitcoinEvents.Notifications.Operations;

/// <summary>
/// Consumes what SES reports about the mail it took (the configuration set's event destination →
/// SNS topic → this queue, raw): a permanent bounce or a complaint puts each address concerned on
/// the suppression list (its hash), so nothing is mailed to it again; Send, Delivery, Bounce and
/// Complaint move the send (found by its <c>send_id</c> tag) forward in its sender's log. A Send
/// event also settles a send whose delivery crashed after SES accepted it, so it is not sent twice.
/// Idempotent: suppressing twice and moving a send to where it is change nothing.
/// </summary>
internal sealed partial class OnEmailFeedback(SendStore sends, SuppressionList suppression, TimeProvider clock, ILogger<OnEmailFeedback> logger)
    : ISqsMessageHandler<SesEventMessage>
{
    public const string Name = nameof(OnEmailFeedback);

    public async Task HandleAsync(SesEventMessage message, SqsMessageContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        var type = message.EventType ?? message.NotificationType;
        var now = clock.GetUtcNow();
        var sendId = message.Mail?.Tags?.GetValueOrDefault(Deliverer.SendIdTag) is [var tagged, ..] ? tagged : null;
        var messageId = message.Mail?.MessageId;
        SendStatus? status = null;
        switch (type)
        {
            case "Send":
                status = SendStatus.Sent;
                break;
            case "Delivery":
                status = SendStatus.Delivered;
                break;
            case "Bounce" when message.Bounce?.BounceType == "Permanent":
                foreach (var recipient in message.Bounce.BouncedRecipients ?? [])
                {
                    await SuppressAsync(recipient.EmailAddress, "bounce", message.Bounce.FeedbackId ?? messageId ?? context.MessageId, now, ct);
                }

                status = SendStatus.Bounced;
                break;
            case "Complaint":
                foreach (var recipient in message.Complaint?.ComplainedRecipients ?? [])
                {
                    await SuppressAsync(recipient.EmailAddress, "complaint", message.Complaint!.FeedbackId ?? messageId ?? context.MessageId, now, ct);
                }

                status = SendStatus.Complained;
                break;
            default:
                // Transient bounces (a full mailbox), and event types this consumer does not act on.
                LogIgnored(logger, type ?? "none", message.Bounce?.BounceType ?? "-");
                return;
        }

        if (sendId is { Length: > 0 } && status is { } moved)
        {
            var changed = await sends.ApplyFeedbackAsync(sendId, moved, messageId, now, ct);
            LogApplied(logger, type, sendId, changed);
        }
    }

    private async Task SuppressAsync(string? address, string reason, string feedbackId, DateTimeOffset now, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return;
        }

        var hash = RecipientHashes.OfEmail(address);
        await suppression.SuppressAsync(hash, reason, feedbackId, now, ct);
        LogSuppressed(logger, hash, reason);
    }

    [LoggerMessage(EventId = 8201, Level = LogLevel.Information, Message = "SES {Type} for send {SendId} (log moved: {Changed})")]
    private static partial void LogApplied(ILogger logger, string type, string sendId, bool changed);

    [LoggerMessage(EventId = 8202, Level = LogLevel.Warning, Message = "Address {RecipientHash} suppressed after a {Reason}")]
    private static partial void LogSuppressed(ILogger logger, string recipientHash, string reason);

    [LoggerMessage(EventId = 8203, Level = LogLevel.Information, Message = "SES {Type} event ({BounceType}) needs nothing")]
    private static partial void LogIgnored(ILogger logger, string type, string bounceType);
}
