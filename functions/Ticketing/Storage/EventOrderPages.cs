using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BitcoinEvents.Domain.Ticketing;
using BitcoinEvents.Infrastructure.Storage;
using static BitcoinEvents.Ticketing.Storage.TicketingItems;

namespace BitcoinEvents.Ticketing.Storage;

/// <summary>An order with its place in its event's orders (to resume after it).</summary>
internal sealed record PlacedOrder(Order Order, string SortKey);

/// <summary>
/// An event's orders oldest first, a page at a time, resuming after a given order (the ByEvent
/// index; a job that works through them remembers the last one it finished).
/// </summary>
internal sealed class EventOrderPages(IAmazonDynamoDB dynamo, TicketingTable table)
{
    public async Task<(IReadOnlyList<PlacedOrder> Orders, bool More)> PageAsync(string eventId, string? afterSortKey, string? afterOrderId, int limit, CancellationToken ct)
    {
        var partition = EventOrdersPartition(eventId);
        var response = await dynamo.QueryAsync(new QueryRequest
        {
            TableName = table.Name,
            IndexName = ByEvent,
            KeyConditionExpression = "#pk = :pk",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#pk"] = EventPkAttr },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":pk"] = Attr.S(partition) },
            ScanIndexForward = true,
            Limit = limit,
            ExclusiveStartKey = afterSortKey is null || afterOrderId is null
                ? null
                : new Dictionary<string, AttributeValue>
                {
                    [EventPkAttr] = Attr.S(partition),
                    [EventSkAttr] = Attr.S(afterSortKey),
                    [Pk] = Attr.S(OrderStore.OrderPk(afterOrderId)),
                    [Sk] = Attr.S(OrderRecord),
                },
        }, ct);
        var orders = (response.Items ?? []).Select(i => new PlacedOrder(Read(i, StorageJson.Default.Order), Attr.RequireString(i, EventSkAttr))).ToList();
        return (orders, response.LastEvaluatedKey is { Count: > 0 });
    }
}
