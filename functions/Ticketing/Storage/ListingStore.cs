using System.Text.Json.Serialization.Metadata;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BitcoinEvents.Infrastructure.Pagination;
using BitcoinEvents.Infrastructure.Storage;
using static BitcoinEvents.Ticketing.Storage.TicketingItems;

namespace BitcoinEvents.Ticketing.Storage;

/// <summary>
/// Pages of a buyer's holds, orders, tickets or waiting-list entries (ByOwner, newest first) and of
/// an event's orders (ByEvent, newest first). Cursors are opaque and sealed to their listing.
/// </summary>
internal sealed class ListingStore(IAmazonDynamoDB dynamo, TicketingTable table)
{
    /// <summary>One page of the <paramref name="kind"/> records <paramref name="ownerId"/> owns.</summary>
    public Task<Page<T>> ListOwnedAsync<T>(string ownerId, string kind, int limit, string? cursor, JsonTypeInfo<T> type, CancellationToken ct) =>
        QueryAsync(
            ByOwner, OwnerPk, OwnerSk, OwnerPartition(ownerId), kind + "#", $"owned:{kind}:{ownerId}", limit, cursor, type, ct);

    /// <summary>One page of an event's orders.</summary>
    public Task<Page<T>> ListEventOrdersAsync<T>(string eventId, int limit, string? cursor, JsonTypeInfo<T> type, CancellationToken ct) =>
        QueryAsync(ByEvent, EventPkAttr, EventSkAttr, EventOrdersPartition(eventId), null, $"event-orders:{eventId}", limit, cursor, type, ct);

    /// <summary>False when <paramref name="cursor"/> is not one this listing issued.</summary>
    public static bool IsCursorOf(string? cursor, string scope) => string.IsNullOrEmpty(cursor) || PageCursor.TryDecode(cursor, scope, 3, out _);

    public static string OwnedScope(string kind, string ownerId) => $"owned:{kind}:{ownerId}";

    public static string EventOrdersScope(string eventId) => $"event-orders:{eventId}";

    private async Task<Page<T>> QueryAsync<T>(
        string index, string pkAttribute, string skAttribute, string partition, string? prefix, string scope, int limit, string? cursor, JsonTypeInfo<T> type, CancellationToken ct)
    {
        Dictionary<string, AttributeValue>? start = null;
        if (!string.IsNullOrEmpty(cursor))
        {
            if (!PageCursor.TryDecode(cursor, scope, 3, out var parts))
            {
                throw new ArgumentException("Not a cursor of this listing.", nameof(cursor));
            }

            start = new Dictionary<string, AttributeValue>
            {
                [pkAttribute] = Attr.S(partition),
                [skAttribute] = Attr.S(parts[0]),
                [Pk] = Attr.S(parts[1]),
                [Sk] = Attr.S(parts[2]),
            };
        }

        var values = new Dictionary<string, AttributeValue> { [":pk"] = Attr.S(partition) };
        var condition = "#pk = :pk";
        if (prefix is not null)
        {
            condition += " AND begins_with(#sk, :prefix)";
            values[":prefix"] = Attr.S(prefix);
        }

        var items = new List<Dictionary<string, AttributeValue>>();
        Dictionary<string, AttributeValue>? last;
        do
        {
            var response = await dynamo.QueryAsync(new QueryRequest
            {
                TableName = table.Name,
                IndexName = index,
                KeyConditionExpression = condition,
                ExpressionAttributeNames = prefix is null
                    ? new Dictionary<string, string> { ["#pk"] = pkAttribute }
                    : new Dictionary<string, string> { ["#pk"] = pkAttribute, ["#sk"] = skAttribute },
                ExpressionAttributeValues = values,
                ScanIndexForward = false,
                ExclusiveStartKey = start,
                Limit = limit + 1 - items.Count,
            }, ct);
            items.AddRange(response.Items ?? []);
            last = response.LastEvaluatedKey is { Count: > 0 } key ? key : null;
            start = last;
        }
        while (last is not null && items.Count <= limit);

        string? next = null;
        if (items.Count > limit)
        {
            var lastItem = items[limit - 1];
            next = PageCursor.Encode(scope, Attr.RequireString(lastItem, skAttribute), Attr.RequireString(lastItem, Pk), Attr.RequireString(lastItem, Sk));
        }

        return new Page<T>([.. items.Take(limit).Select(i => Read(i, type))], next);
    }
}
