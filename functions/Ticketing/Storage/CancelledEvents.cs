using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BitcoinEvents.Infrastructure.Storage;
using static BitcoinEvents.Ticketing.Storage.TicketingItems;

namespace BitcoinEvents.Ticketing.Storage;

/// <summary>How far the cascade of an event's cancellation has gone through its orders.</summary>
internal sealed record CascadeProgress(string? LastOrderSortKey, string? LastOrderId, bool Done);

/// <summary>
/// Ticketing's record that an event was cancelled (<c>EVENT#{eventId}</c> / <c>CANCELLED</c>),
/// written first by the cascade: from then on no waiting-list offer is made for the event (every
/// offer's transaction checks it is absent), and it keeps the cascade's place in the event's orders
/// so a redelivery continues where the last one stopped.
/// </summary>
internal sealed class CancelledEvents(IAmazonDynamoDB dynamo, TicketingTable table)
{
    private const string CancelledSk = "CANCELLED";
    private const string CursorSk = "cursorSk";
    private const string CursorOrder = "cursorOrderId";
    private const string DoneAttr = "done";

    /// <summary>A transaction item that holds only while the event is not known to be cancelled.</summary>
    public TransactWriteItem NotCancelled(string eventId) => new()
    {
        ConditionCheck = new ConditionCheck
        {
            TableName = table.Name,
            Key = Key(EventPk(eventId), CancelledSk),
            ConditionExpression = "attribute_not_exists(#pk)",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#pk"] = Pk },
        },
    };

    public async Task<bool> IsCancelledAsync(string eventId, CancellationToken ct) =>
        (await dynamo.GetItemAsync(new GetItemRequest { TableName = table.Name, Key = Key(EventPk(eventId), CancelledSk), ConsistentRead = true }, ct)).Item is { Count: > 0 };

    /// <summary>Records the cancellation (once; a later call keeps the first record and its progress) and returns the progress so far.</summary>
    public async Task<CascadeProgress> MarkAsync(string eventId, string reason, DateTimeOffset cancelledAt, CancellationToken ct)
    {
        var item = Key(EventPk(eventId), CancelledSk);
        item["reason"] = Attr.S(reason);
        item["cancelledAt"] = Attr.S(Attr.Instant(cancelledAt));
        try
        {
            await dynamo.PutItemAsync(new PutItemRequest
            {
                TableName = table.Name,
                Item = item,
                ConditionExpression = "attribute_not_exists(#pk)",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#pk"] = Pk },
            }, ct);
            return new CascadeProgress(null, null, false);
        }
        catch (ConditionalCheckFailedException)
        {
            var stored = (await dynamo.GetItemAsync(new GetItemRequest { TableName = table.Name, Key = Key(EventPk(eventId), CancelledSk), ConsistentRead = true }, ct)).Item;
            return new CascadeProgress(
                Attr.GetString(stored, CursorSk),
                Attr.GetString(stored, CursorOrder),
                stored.TryGetValue(DoneAttr, out var done) && done.BOOL == true);
        }
    }

    /// <summary>Remembers the last order the cascade dealt with (it resumes after it).</summary>
    public Task SaveProgressAsync(string eventId, string orderSortKey, string orderId, CancellationToken ct) =>
        dynamo.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = table.Name,
            Key = Key(EventPk(eventId), CancelledSk),
            UpdateExpression = "SET #sk = :sk, #order = :order",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#sk"] = CursorSk, ["#order"] = CursorOrder },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":sk"] = Attr.S(orderSortKey), [":order"] = Attr.S(orderId) },
        }, ct);

    /// <summary>The write recording that every order of the event was dealt with (with the consumer's processed marker).</summary>
    public TransactWriteItem Finished(string eventId, DateTimeOffset now) => new()
    {
        Update = new Update
        {
            TableName = table.Name,
            Key = Key(EventPk(eventId), CancelledSk),
            UpdateExpression = "SET #done = :true, #finishedAt = :now",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#done"] = DoneAttr, ["#finishedAt"] = "finishedAt" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":true"] = new() { BOOL = true }, [":now"] = Attr.S(Attr.Instant(now)) },
        },
    };
}
