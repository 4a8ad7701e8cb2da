using BitcoinEvents.Infrastructure.Messaging;
using BitcoinEvents.Lambda;
using Microsoft.Extensions.Logging;

namespace BitcoinEvents.Outbox.Operations;

/// <summary>
/// Consumes the OutboxTable's stream: publishes each new outbox item's envelope, verbatim, to the
/// domain events topic with message attributes <c>type</c>, <c>version</c> and <c>source</c>
/// (what subscriptions filter on). Only INSERTs carry events: an item is never modified (its put
/// is conditional) and its REMOVE is TTL's cleanup. A failed publish fails the record, which
/// stops the batch there (the stream runner reports it and every later record); a record
/// published again after a retry reaches consumers twice with the same id, which they ignore.
/// </summary>
public sealed partial class DispatchOutbox(SnsClient sns, DomainEventsTopic topic, ILogger<DispatchOutbox> logger) : IDynamoDbStreamRecordHandler
{
    public const string Name = nameof(DispatchOutbox);

    public async Task HandleAsync(DynamoDbStreamRecord record, DynamoDbStreamRecordContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.EventName != DynamoDbStreamEventNames.Insert)
        {
            LogSkipped(logger, record.Change.SequenceNumber, record.EventName);
            return;
        }

        var image = record.Change.NewImage
            ?? throw new InvalidDataException("The outbox stream record has no new image: the table's stream must be NEW_IMAGE.");
        var entry = OutboxItems.Read(image);
        var messageId = await sns.PublishAsync(
            new SnsPublishRequest
            {
                TopicArn = topic.Arn,
                Message = entry.Envelope,
                MessageAttributes = new Dictionary<string, SnsAttributeValue>
                {
                    ["type"] = SnsAttributeValue.Text(entry.Type),
                    ["version"] = SnsAttributeValue.Number(entry.Version),
                    ["source"] = SnsAttributeValue.Text(entry.Source),
                },
            },
            ct);
        LogPublished(logger, entry.Id, entry.Type, entry.Version, messageId);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Published event {EventId} ({Type} v{Version}) as SNS message {MessageId}")]
    private static partial void LogPublished(ILogger logger, string eventId, string type, int version, string messageId);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Skipped stream record {SequenceNumber} ({EventName}): only new outbox items are published")]
    private static partial void LogSkipped(ILogger logger, string sequenceNumber, string eventName);
}
