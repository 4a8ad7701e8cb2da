using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BitcoinEvents.Domain.Messages;
using BitcoinEvents.Infrastructure.Storage;

namespace BitcoinEvents.Notifications.Storage;

/// <summary>What Notifications knows of an order: who bought it for which event, for how much, its tickets.</summary>
internal sealed record KnownOrder(string OrderId, string EventId, string BuyerId, MoneyDto? Total, DateTimeOffset? PaymentDeadline, IReadOnlyList<string> TicketIds, bool Cancelled);

/// <summary>A valid ticket of an event and its owner (the user notified about the event).</summary>
internal sealed record Holding(string TicketId, string OwnerId, string OrderId);

/// <summary>
/// The area's view of Ticketing's orders and tickets, kept from the domain events (never read from
/// Ticketing's table): <c>ORDER#{id}</c> (OrderPlaced, OrderPaid, OrderCancelled) to find a
/// payment's buyer, and <c>HOLDERS#{eventId}</c> / <c>TICKET#{id}</c> (OrderPaid, OrderCancelled) to
/// find an event's ticket holders. Events arrive in any order and more than once: every write is
/// idempotent, and a cancelled order's tombstone keeps a late OrderPaid from adding its tickets back.
/// </summary>
internal sealed class Projections(IAmazonDynamoDB dynamo, NotificationsTable table)
{
    /// <summary>Kept a year past the last change: longer than any event's reminders and refunds.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(400);

    private const string OrderSk = "ORDER";

    /// <summary>Records a placed order (its buyer, event and total) unless something about it is known already.</summary>
    public Task RecordPlacedAsync(OrderPlacedV1 placed, DateTimeOffset now, CancellationToken ct) =>
        dynamo.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = table.Name,
            Key = OrderKey(placed.OrderId),
            UpdateExpression = "SET eventId = if_not_exists(eventId, :event), buyerId = if_not_exists(buyerId, :buyer), " +
                "totalAmount = if_not_exists(totalAmount, :amount), totalCurrency = if_not_exists(totalCurrency, :currency), " +
                "paymentDeadline = :deadline, expiresAt = :ttl",
            ExpressionAttributeValues = new()
            {
                [":event"] = Attr.S(placed.EventId),
                [":buyer"] = Attr.S(placed.BuyerId),
                [":amount"] = Attr.N(placed.Total.Amount),
                [":currency"] = Attr.S(placed.Total.Currency),
                [":deadline"] = Attr.S(Attr.Instant(placed.PaymentDeadline)),
                [":ttl"] = Attr.N((now + Retention).ToUnixTimeSeconds()),
            },
        }, ct);

    /// <summary>
    /// Records a paid order and its tickets as the event's holdings, in one transaction, unless the
    /// order was cancelled before this arrived (then its tickets are void: nothing is added). True
    /// when the holdings were written.
    /// </summary>
    public async Task<bool> RecordPaidAsync(OrderPaidV1 paid, DateTimeOffset now, CancellationToken ct)
    {
        var ttl = Attr.N((now + Retention).ToUnixTimeSeconds());
        var order = new TransactWriteItem
        {
            Update = new Update
            {
                TableName = table.Name,
                Key = OrderKey(paid.OrderId),
                UpdateExpression = "SET eventId = :event, buyerId = :buyer, totalAmount = :amount, totalCurrency = :currency, ticketIds = :tickets, expiresAt = :ttl",
                ConditionExpression = "attribute_not_exists(cancelled)",
                ExpressionAttributeValues = new()
                {
                    [":event"] = Attr.S(paid.EventId),
                    [":buyer"] = Attr.S(paid.BuyerId),
                    [":amount"] = Attr.N(paid.Total.Amount),
                    [":currency"] = Attr.S(paid.Total.Currency),
                    [":tickets"] = paid.Tickets.Count > 0 ? Attr.L(paid.Tickets.Select(t => t.TicketId)) : new AttributeValue { L = [] },
                    [":ttl"] = ttl,
                },
            },
        };

        // A transaction takes 100 items: an order's tickets beyond 99 are written after it, under the same tombstone check.
        var holdings = paid.Tickets.Select(t => HoldingPut(paid.EventId, t.TicketId, paid.BuyerId, paid.OrderId, ttl)).ToList();
        try
        {
            await dynamo.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = [order, .. holdings.Take(99)] }, ct);
        }
        catch (TransactionCanceledException cancelled) when (cancelled.CancellationReasons?.FirstOrDefault()?.Code == "ConditionalCheckFailed")
        {
            return false;
        }

        foreach (var chunk in holdings.Skip(99).Chunk(25))
        {
            await dynamo.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = [.. chunk] }, ct);
        }

        return true;
    }

    /// <summary>
    /// Marks the order cancelled (a tombstone, even when nothing else is known of it yet) and removes
    /// its tickets from the event's holdings. Returns what is known of the order.
    /// </summary>
    public async Task<KnownOrder?> RecordCancelledAsync(OrderCancelledV1 cancelled, DateTimeOffset now, CancellationToken ct)
    {
        var response = await dynamo.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = table.Name,
            Key = OrderKey(cancelled.OrderId),
            UpdateExpression = "SET cancelled = :true, eventId = if_not_exists(eventId, :event), buyerId = if_not_exists(buyerId, :buyer), expiresAt = :ttl",
            ExpressionAttributeValues = new()
            {
                [":true"] = new AttributeValue { BOOL = true },
                [":event"] = Attr.S(cancelled.EventId),
                [":buyer"] = Attr.S(cancelled.BuyerId),
                [":ttl"] = Attr.N((now + Retention).ToUnixTimeSeconds()),
            },
            ReturnValues = ReturnValue.ALL_NEW,
        }, ct);
        var order = ToOrder(cancelled.OrderId, response.Attributes);
        foreach (var chunk in order.TicketIds.Chunk(25))
        {
            await dynamo.BatchWriteItemAsync(new BatchWriteItemRequest
            {
                RequestItems = new()
                {
                    [table.Name] = [.. chunk.Select(id => new WriteRequest { DeleteRequest = new DeleteRequest { Key = HoldingKey(order.EventId, id) } })],
                },
            }, ct);
        }

        return order;
    }

    /// <summary>A reassigned ticket's owner, where the ticket is still held (a void ticket stays out).</summary>
    public async Task RecordReassignedAsync(TicketReassignedV1 reassigned, CancellationToken ct)
    {
        try
        {
            await dynamo.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = table.Name,
                Key = HoldingKey(reassigned.EventId, reassigned.TicketId),
                UpdateExpression = "SET ownerId = :owner",
                ConditionExpression = "attribute_exists(pk)",
                ExpressionAttributeValues = new() { [":owner"] = Attr.S(reassigned.OwnerId) },
            }, ct);
        }
        catch (ConditionalCheckFailedException)
        {
            // Not held (its order was cancelled, or its OrderPaid has not arrived: that one brings the owner).
        }
    }

    /// <summary>The order as known, or null when no event about it has arrived yet.</summary>
    public async Task<KnownOrder?> GetOrderAsync(string orderId, CancellationToken ct)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest { TableName = table.Name, Key = OrderKey(orderId), ConsistentRead = true }, ct);
        return response.Item is { Count: > 0 } item && item.ContainsKey("buyerId") ? ToOrder(orderId, item) : null;
    }

    /// <summary>An event's holdings, page by page.</summary>
    public async IAsyncEnumerable<IReadOnlyList<Holding>> HoldingsAsync(string eventId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var response = await dynamo.QueryAsync(new QueryRequest
            {
                TableName = table.Name,
                KeyConditionExpression = "pk = :event AND begins_with(sk, :ticket)",
                ExpressionAttributeValues = new() { [":event"] = Attr.S(HoldersPartition(eventId)), [":ticket"] = Attr.S("TICKET#") },
                ExclusiveStartKey = start,
                ConsistentRead = true,
            }, ct);
            yield return [.. (response.Items ?? []).Select(i => new Holding(Attr.RequireString(i, "sk")["TICKET#".Length..], Attr.RequireString(i, "ownerId"), Attr.RequireString(i, "orderId")))];
            start = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);
    }

    /// <summary>
    /// Records that the reminders of an event's start were queued; false when they were already
    /// (another run of the job). Written after queueing, so a run that died half-way is redone
    /// (deliveries are deduplicated downstream).
    /// </summary>
    public async Task<bool> WasRemindedAsync(string eventId, DateTimeOffset startsAt, CancellationToken ct)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest { TableName = table.Name, Key = RemindedKey(eventId, startsAt), ConsistentRead = true }, ct);
        return response.Item is { Count: > 0 };
    }

    public Task MarkRemindedAsync(string eventId, DateTimeOffset startsAt, DateTimeOffset now, CancellationToken ct)
    {
        var item = RemindedKey(eventId, startsAt);
        item["queuedAt"] = Attr.S(Attr.Instant(now));
        item[NotificationsTable.Ttl] = Attr.N((startsAt + TimeSpan.FromDays(30)).ToUnixTimeSeconds());
        return dynamo.PutItemAsync(new PutItemRequest { TableName = table.Name, Item = item }, ct);
    }

    private static KnownOrder ToOrder(string orderId, Dictionary<string, AttributeValue> item) => new(
        orderId,
        Attr.RequireString(item, "eventId"),
        Attr.RequireString(item, "buyerId"),
        item.ContainsKey("totalAmount") && Attr.GetString(item, "totalCurrency") is { } currency ? new MoneyDto(Attr.GetLong(item, "totalAmount"), currency) : null,
        Attr.GetInstant(item, "paymentDeadline"),
        item.TryGetValue("ticketIds", out var ids) && ids.L is { } list ? [.. list.Select(v => v.S)] : [],
        item.TryGetValue("cancelled", out var flag) && flag.BOOL == true);

    private TransactWriteItem HoldingPut(string eventId, string ticketId, string ownerId, string orderId, AttributeValue ttl)
    {
        var item = HoldingKey(eventId, ticketId);
        item["ownerId"] = Attr.S(ownerId);
        item["orderId"] = Attr.S(orderId);
        item[NotificationsTable.Ttl] = ttl;
        return new TransactWriteItem { Put = new Put { TableName = table.Name, Item = item } };
    }

    private static string HoldersPartition(string eventId) => "HOLDERS#" + eventId;

    private static Dictionary<string, AttributeValue> OrderKey(string orderId) => new()
    {
        [NotificationsTable.Pk] = Attr.S("ORDER#" + orderId),
        [NotificationsTable.Sk] = Attr.S(OrderSk),
    };

    private static Dictionary<string, AttributeValue> HoldingKey(string eventId, string ticketId) => new()
    {
        [NotificationsTable.Pk] = Attr.S(HoldersPartition(eventId)),
        [NotificationsTable.Sk] = Attr.S("TICKET#" + ticketId),
    };

    private static Dictionary<string, AttributeValue> RemindedKey(string eventId, DateTimeOffset startsAt) => new()
    {
        [NotificationsTable.Pk] = Attr.S("REMINDED#" + eventId + "#" + Attr.Instant(startsAt)),
        [NotificationsTable.Sk] = Attr.S("REMINDED"),
    };
}
