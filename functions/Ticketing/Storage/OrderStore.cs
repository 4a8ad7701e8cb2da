using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BitcoinEvents.Domain.Ticketing;
using BitcoinEvents.Infrastructure.Storage;
using static BitcoinEvents.Ticketing.Storage.TicketingItems;

namespace BitcoinEvents.Ticketing.Storage;

/// <summary>Why checkout did not write.</summary>
internal enum CheckoutWrite
{
    Placed,

    /// <summary>The hold expired, was settled or changed before the checkout could take it.</summary>
    HoldGone,
}

/// <summary>
/// Orders and tickets in the TicketingTable. Every change is one transaction conditional on the
/// version read, carrying everything the change causes (tickets, seats given back, outbox events).
/// </summary>
internal sealed class OrderStore(IAmazonDynamoDB dynamo, TicketingTable table, HoldStore holds)
{
    /// <summary>
    /// Checkout: the hold becomes checked out — only while it is still active, before its deadline,
    /// and the caller's — and the order (a free one with its tickets) and its outbox events are
    /// written with it.
    /// </summary>
    public async Task<CheckoutWrite> PlaceAsync(Hold checkedOut, long holdVersion, Order order, IReadOnlyList<Ticket> tickets, IEnumerable<TransactWriteItem> outbox, DateTimeOffset now, CancellationToken ct)
    {
        var holdPut = holds.ReplaceActive(checkedOut, holdVersion);
        holdPut.ConditionExpression += " AND #deadline > :now AND #owner = :owner";
        holdPut.ExpressionAttributeNames["#deadline"] = Deadline;
        holdPut.ExpressionAttributeNames["#owner"] = OwnerId;
        holdPut.ExpressionAttributeValues[":now"] = Attr.S(Attr.Instant(now));
        holdPut.ExpressionAttributeValues[":owner"] = Attr.S(order.BuyerId);
        var items = new List<TransactWriteItem> { new() { Put = holdPut }, New(OrderItem(order)) };
        items.AddRange(tickets.Select(t => New(TicketItem(t))));
        items.AddRange(outbox);
        try
        {
            await dynamo.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = items }, ct);
            return CheckoutWrite.Placed;
        }
        catch (TransactionCanceledException cancelled) when (cancelled.CancellationReasons is { Count: > 0 } reasons && reasons[0].Code is "ConditionalCheckFailed" or "TransactionConflict")
        {
            return CheckoutWrite.HoldGone;
        }
    }

    /// <summary>A new order written with whatever it causes (a complimentary order: its seats, tickets, outbox); false when its id exists.</summary>
    public async Task<bool> CreateAsync(Order order, IEnumerable<TransactWriteItem> alsoFirst, IReadOnlyList<Ticket> tickets, IEnumerable<TransactWriteItem> outbox, CancellationToken ct)
    {
        var items = alsoFirst.ToList();
        items.Add(New(OrderItem(order)));
        items.AddRange(tickets.Select(t => New(TicketItem(t))));
        items.AddRange(outbox);
        try
        {
            await dynamo.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = items }, ct);
            return true;
        }
        catch (TransactionCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// The next version of an order, conditional on the stored one still being
    /// <paramref name="expectedVersion"/>, with what the change causes. False: it moved on, or a
    /// write it carries found its condition false (re-read and decide again).
    /// </summary>
    public async Task<bool> ReplaceAsync(Order next, long expectedVersion, IEnumerable<TransactWriteItem> also, CancellationToken ct)
    {
        var items = new List<TransactWriteItem> { new() { Put = Replace(OrderItem(next), expectedVersion) } };
        items.AddRange(also);
        try
        {
            await dynamo.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = items }, ct);
            return true;
        }
        catch (TransactionCanceledException)
        {
            return false;
        }
    }

    public async Task<Order?> GetAsync(string orderId, bool consistent, CancellationToken ct)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest { TableName = table.Name, Key = Key(OrderPk(orderId), OrderRecord), ConsistentRead = consistent }, ct);
        return response.Item is { Count: > 0 } item ? Read(item, StorageJson.Default.Order) : null;
    }

    public async Task<Ticket?> GetTicketAsync(string ticketId, bool consistent, CancellationToken ct)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest { TableName = table.Name, Key = Key(TicketPk(ticketId), TicketRecord), ConsistentRead = consistent }, ct);
        return response.Item is { Count: > 0 } item ? Read(item, StorageJson.Default.Ticket) : null;
    }

    /// <summary>The tickets with these ids that exist.</summary>
    public async Task<IReadOnlyList<Ticket>> GetTicketsAsync(IEnumerable<string> ticketIds, CancellationToken ct)
    {
        var result = new List<Ticket>();
        foreach (var chunk in ticketIds.Distinct(StringComparer.Ordinal).Chunk(100))
        {
            var request = new Dictionary<string, KeysAndAttributes> { [table.Name] = new() { Keys = [.. chunk.Select(id => Key(TicketPk(id), TicketRecord))], ConsistentRead = true } };
            while (request.Count > 0)
            {
                var response = await dynamo.BatchGetItemAsync(new BatchGetItemRequest { RequestItems = request }, ct);
                result.AddRange((response.Responses?.GetValueOrDefault(table.Name) ?? []).Select(i => Read(i, StorageJson.Default.Ticket)));
                request = response.UnprocessedKeys is { Count: > 0 } unprocessed ? unprocessed : [];
            }
        }

        return result;
    }

    /// <summary>The write replacing a ticket, conditional on its version (for a transaction).</summary>
    public TransactWriteItem ReplaceTicket(Ticket next, long expectedVersion) => new() { Put = Replace(TicketItem(next), expectedVersion) };

    /// <summary>Writes the next version of a ticket with what it causes; false when it moved on.</summary>
    public async Task<bool> ReplaceTicketAsync(Ticket next, long expectedVersion, IEnumerable<TransactWriteItem> also, CancellationToken ct)
    {
        var items = new List<TransactWriteItem> { ReplaceTicket(next, expectedVersion) };
        items.AddRange(also);
        try
        {
            await dynamo.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = items }, ct);
            return true;
        }
        catch (TransactionCanceledException)
        {
            return false;
        }
    }

    public TransactWriteItem NewTicket(Ticket ticket) => New(TicketItem(ticket));

    public static string OrderPk(string orderId) => $"ORDER#{orderId}";

    public static string TicketPk(string ticketId) => $"TICKET#{ticketId}";

    public static Dictionary<string, AttributeValue> OrderItem(Order order)
    {
        var item = Record(OrderPk(order.Id), OrderRecord, order, StorageJson.Default.Order, order.Version);
        item[Status] = Attr.S(order.Status.ToString());
        item[Deadline] = Attr.S(Attr.Instant(order.PaymentDeadline));
        item[OwnerId] = Attr.S(order.BuyerId);
        item["eventId"] = Attr.S(order.EventId);
        item[OwnerPk] = Attr.S(OwnerPartition(order.BuyerId));
        item[OwnerSk] = Attr.S(OwnerSort(OrderRecord, order.CreatedAt, order.Id));
        item[EventPkAttr] = Attr.S(EventOrdersPartition(order.EventId));
        item[EventSkAttr] = Attr.S($"{Attr.Instant(order.CreatedAt)}#{order.Id}");
        if (order.Status == OrderStatus.Pending)
        {
            item[ExpiryPk] = Attr.S(ExpiryPartition(order.PaymentDeadline, order.Id));
            item[ExpirySk] = Attr.S(ExpirySort(order.PaymentDeadline, OrderRecord, order.Id));
        }

        return item;
    }

    public static Dictionary<string, AttributeValue> TicketItem(Ticket ticket)
    {
        var item = Record(TicketPk(ticket.Id), TicketRecord, ticket, StorageJson.Default.Ticket, ticket.Version);
        item[Status] = Attr.S(ticket.Status.ToString());
        item[OwnerId] = Attr.S(ticket.OwnerId);
        item["eventId"] = Attr.S(ticket.EventId);
        item[OwnerPk] = Attr.S(OwnerPartition(ticket.OwnerId));
        item[OwnerSk] = Attr.S(OwnerSort(TicketRecord, ticket.IssuedAt, ticket.Id));
        item[EventPkAttr] = Attr.S(EventTicketsPartitionOf(ticket.EventId, ticket.Id));
        item[EventSkAttr] = Attr.S($"{Attr.Instant(ticket.IssuedAt)}#{ticket.Id}");
        return item;
    }

    private Put Replace(Dictionary<string, AttributeValue> item, long expectedVersion) => new()
    {
        TableName = table.Name,
        Item = item,
        ConditionExpression = "#version = :expected",
        ExpressionAttributeNames = new Dictionary<string, string> { ["#version"] = VersionAttr },
        ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":expected"] = Attr.N(expectedVersion) },
    };

    private TransactWriteItem New(Dictionary<string, AttributeValue> item) => new()
    {
        Put = new Put
        {
            TableName = table.Name,
            Item = item,
            ConditionExpression = "attribute_not_exists(#pk)",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#pk"] = Pk },
        },
    };
}
