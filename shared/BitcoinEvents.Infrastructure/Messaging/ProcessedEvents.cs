using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace BitcoinEvents.Infrastructure.Messaging;

/// <summary>
/// The consumer's idempotency recipe. Delivery is at least once and in no particular order, so a
/// consumer applies an event's effect together with a "processed" marker for the event's id, in ONE
/// transaction whose marker Put is conditional (<c>attribute_not_exists</c>): the first delivery
/// writes both; any later delivery of the same id is cancelled by the marker and changes nothing.
/// Never check-then-write. Order: where a later event must not be undone by an earlier one, the
/// effect itself carries a condition (a version or timestamp compare) as well.
/// </summary>
/// <example>
/// <code>
/// public async Task HandleAsync(DomainEvent&lt;OrderPaidV1&gt; paid, SqsMessageContext context, CancellationToken ct)
/// {
///     var marker = ProcessedEvents.Marker(table, OnOrderPaid.Name, paid.Id, clock.GetUtcNow());
///     var applied = await ProcessedEvents.ApplyOnceAsync(dynamo, marker, [AwardPoints(paid.Data)], ct);
///     // applied == false: a duplicate delivery; nothing was written.
/// }
/// </code>
/// </example>
public static class ProcessedEvents
{
    /// <summary>
    /// How long a marker is kept (its TTL): longer than an event can keep arriving (the outbox
    /// stream keeps records 24 hours and a queue at most 14 days before its DLQ), with a margin.
    /// </summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(15);

    /// <summary>
    /// The conditional Put of the marker "<paramref name="consumer"/> processed
    /// <paramref name="eventId"/>" into the consumer's own table: partition key
    /// <c>processed#{consumer}#{eventId}</c> (and sort key <c>processed</c> when the table has one),
    /// with the table's TTL attribute set <see cref="Retention"/> after <paramref name="now"/>.
    /// </summary>
    /// <param name="table">The consumer's table.</param>
    /// <param name="consumer">The consuming operation (two consumers of one event keep separate markers).</param>
    /// <param name="eventId">The envelope's id.</param>
    /// <param name="now">The time of processing.</param>
    /// <param name="partitionKey">The table's partition key attribute.</param>
    /// <param name="sortKey">The table's sort key attribute, or null when it has none.</param>
    /// <param name="ttlAttribute">The table's TTL attribute, or null to keep markers forever.</param>
    public static TransactWriteItem Marker(
        string table, string consumer, string eventId, DateTimeOffset now,
        string partitionKey = "pk", string? sortKey = "sk", string? ttlAttribute = "expiresAt")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(table);
        ArgumentException.ThrowIfNullOrWhiteSpace(consumer);
        ArgumentException.ThrowIfNullOrWhiteSpace(eventId);
        ArgumentException.ThrowIfNullOrWhiteSpace(partitionKey);
        var item = new Dictionary<string, AttributeValue>
        {
            [partitionKey] = new() { S = $"processed#{consumer}#{eventId}" },
            ["processedAt"] = new() { S = Rfc3339JsonConverter.Format(now) },
        };
        if (sortKey is not null)
        {
            item[sortKey] = new() { S = "processed" };
        }

        if (ttlAttribute is not null)
        {
            item[ttlAttribute] = new() { N = (now + Retention).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) };
        }

        return new TransactWriteItem
        {
            Put = new Put
            {
                TableName = table,
                Item = item,
                ConditionExpression = "attribute_not_exists(#pk)",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#pk"] = partitionKey },
            },
        };
    }

    /// <summary>
    /// Writes the marker and the effects in one transaction. True: applied now. False: the marker
    /// was already there (a duplicate delivery) and nothing was written. Any other cancellation
    /// (an effect's own condition failed, a conflict) is thrown: the message is retried.
    /// </summary>
    public static async Task<bool> ApplyOnceAsync(IAmazonDynamoDB dynamo, TransactWriteItem marker, IReadOnlyList<TransactWriteItem> effects, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dynamo);
        ArgumentNullException.ThrowIfNull(marker);
        ArgumentNullException.ThrowIfNull(effects);
        try
        {
            await dynamo.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = [marker, .. effects] }, ct);
            return true;
        }
        catch (TransactionCanceledException exception) when (IsAlreadyProcessed(exception))
        {
            return false;
        }
    }

    /// <summary>True when the transaction's first item (the marker) failed its condition.</summary>
    public static bool IsAlreadyProcessed(TransactionCanceledException exception, int markerIndex = 0) =>
        Outbox.IsDuplicate(exception, markerIndex);
}
