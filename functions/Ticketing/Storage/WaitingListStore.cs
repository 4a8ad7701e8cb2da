using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BitcoinEvents.Domain.Ticketing;
using BitcoinEvents.Infrastructure.Pagination;
using BitcoinEvents.Infrastructure.Storage;
using static BitcoinEvents.Ticketing.Storage.TicketingItems;

namespace BitcoinEvents.Ticketing.Storage;

/// <summary>Why joining a waiting line did not write.</summary>
internal enum JoinWrite
{
    Joined,

    /// <summary>The buyer already has an active entry (waiting or offered) for this type.</summary>
    AlreadyWaiting,
}

/// <summary>
/// Waiting lines in the TicketingTable. Three items per entry:
/// <list type="bullet">
/// <item>the entry itself in its type's line, <c>WAITLIST#{eventId}#{typeId}</c> / <c>{joinedAt}#{entryId}</c>
/// (the line in join order), indexed ByOwner always and — only while it waits — in the sparse ByEvent
/// partition <c>WAITING#{eventId}#{typeId}</c>, so the head of the line is one short query however
/// many entries were served before;</item>
/// <item><c>WAITENTRY#{entryId}</c>: where the entry is (written once), to find it by id;</item>
/// <item><c>WAITER#{eventId}#{typeId}#{ownerId}</c>: the buyer's active entry for the type, so a buyer
/// has at most one (a conditional write, not a read), released when the entry leaves the line.</item>
/// </list>
/// Every change of an entry is conditional on its version and status, and rides in the transaction
/// of what causes it (the offer hold, the checkout, the expiry).
/// </summary>
internal sealed class WaitingListStore(IAmazonDynamoDB dynamo, TicketingTable table)
{
    public const string WaitingPrefix = "WAITING#";
    private const string EntryPointerPrefix = "WAITENTRY#";
    private const string EntryPointerSk = "WAITENTRY";
    private const string WaiterPrefix = "WAITER#";
    private const string WaiterSk = "WAITER";
    private const string EntryIdAttr = "entryId";
    private const string LineSkAttr = "lineSk";
    private const string TypeIdAttr = "ticketTypeId";

    public string TableName => table.Name;

    public async Task<JoinWrite> JoinAsync(WaitingListEntry entry, CancellationToken ct)
    {
        var lineSk = WaitListSk(entry.JoinedAt, entry.Id);
        var pointer = Key(EntryPointerPrefix + entry.Id, EntryPointerSk);
        pointer["eventId"] = Attr.S(entry.EventId);
        pointer[TypeIdAttr] = Attr.S(entry.TicketTypeId);
        pointer[LineSkAttr] = Attr.S(lineSk);
        var waiter = WaiterKey(entry.EventId, entry.TicketTypeId, entry.OwnerId);
        waiter[EntryIdAttr] = Attr.S(entry.Id);
        var items = new List<TransactWriteItem>
        {
            new() { Put = new Put { TableName = table.Name, Item = waiter, ConditionExpression = "attribute_not_exists(#entry)", ExpressionAttributeNames = new Dictionary<string, string> { ["#entry"] = EntryIdAttr } } },
            NewItem(Item(entry)),
            NewItem(pointer),
        };
        try
        {
            await dynamo.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = items }, ct);
            return JoinWrite.Joined;
        }
        catch (TransactionCanceledException cancelled) when (cancelled.CancellationReasons is { Count: > 0 } reasons && reasons[0].Code == "ConditionalCheckFailed")
        {
            return JoinWrite.AlreadyWaiting;
        }
    }

    /// <summary>The entry with this id, or null.</summary>
    public async Task<WaitingListEntry?> GetAsync(string entryId, CancellationToken ct)
    {
        var pointer = await dynamo.GetItemAsync(new GetItemRequest { TableName = table.Name, Key = Key(EntryPointerPrefix + entryId, EntryPointerSk), ConsistentRead = true }, ct);
        if (pointer.Item is not { Count: > 0 } p)
        {
            return null;
        }

        var line = WaitListPk(Attr.RequireString(p, "eventId"), Attr.RequireString(p, TypeIdAttr));
        var response = await dynamo.GetItemAsync(new GetItemRequest { TableName = table.Name, Key = Key(line, Attr.RequireString(p, LineSkAttr)), ConsistentRead = true }, ct);
        return response.Item is { Count: > 0 } item ? Read(item, StorageJson.Default.WaitingListEntry) : null;
    }

    /// <summary>
    /// The first <paramref name="limit"/> entries still waiting in a type's line, in join order (the
    /// sparse index: eventually consistent; the offer's write re-checks each entry's status and version).
    /// </summary>
    public async Task<IReadOnlyList<WaitingListEntry>> WaitingAsync(string eventId, string ticketTypeId, int limit, CancellationToken ct)
    {
        var response = await dynamo.QueryAsync(new QueryRequest
        {
            TableName = table.Name,
            IndexName = ByEvent,
            KeyConditionExpression = "#pk = :pk",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#pk"] = EventPkAttr },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":pk"] = Attr.S(WaitingPartition(eventId, ticketTypeId)) },
            ScanIndexForward = true,
            Limit = limit,
        }, ct);
        return [.. (response.Items ?? []).Select(i => Read(i, StorageJson.Default.WaitingListEntry))];
    }

    /// <summary>One page of a type's line, every entry in join order (for its organizer).</summary>
    public async Task<Page<WaitingListEntry>> ListLineAsync(string eventId, string ticketTypeId, int limit, string? cursor, CancellationToken ct)
    {
        var pk = WaitListPk(eventId, ticketTypeId);
        Dictionary<string, AttributeValue>? start = null;
        if (!string.IsNullOrEmpty(cursor))
        {
            if (!PageCursor.TryDecode(cursor, LineScope(eventId, ticketTypeId), 1, out var parts))
            {
                throw new ArgumentException("Not a cursor of this listing.", nameof(cursor));
            }

            start = Key(pk, parts[0]);
        }

        var items = new List<Dictionary<string, AttributeValue>>();
        Dictionary<string, AttributeValue>? last;
        do
        {
            var response = await dynamo.QueryAsync(new QueryRequest
            {
                TableName = table.Name,
                KeyConditionExpression = "#pk = :pk",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#pk"] = Pk },
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":pk"] = Attr.S(pk) },
                ScanIndexForward = true,
                ConsistentRead = true,
                ExclusiveStartKey = start,
                Limit = limit + 1 - items.Count,
            }, ct);
            items.AddRange(response.Items ?? []);
            last = response.LastEvaluatedKey is { Count: > 0 } key ? key : null;
            start = last;
        }
        while (last is not null && items.Count <= limit);

        var next = items.Count > limit ? PageCursor.Encode(LineScope(eventId, ticketTypeId), Attr.RequireString(items[limit - 1], Sk)) : null;
        return new Page<WaitingListEntry>([.. items.Take(limit).Select(i => Read(i, StorageJson.Default.WaitingListEntry))], next);
    }

    public static string LineScope(string eventId, string ticketTypeId) => $"waitlist:{eventId}:{ticketTypeId}";

    /// <summary>The write replacing an entry, conditional on it being still <paramref name="expected"/> (version and status).</summary>
    public TransactWriteItem Replace(WaitingListEntry next, WaitingListEntry expected) => new()
    {
        Put = new Put
        {
            TableName = table.Name,
            Item = Item(next),
            ConditionExpression = "#version = :expected AND #status = :status",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#version"] = VersionAttr, ["#status"] = Status },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                [":expected"] = Attr.N(expected.Version),
                [":status"] = Attr.S(expected.Status.ToString()),
            },
        },
    };

    /// <summary>The write freeing the buyer's one active entry for the type (they may join again).</summary>
    public TransactWriteItem Release(WaitingListEntry entry) => new()
    {
        Update = new Update
        {
            TableName = table.Name,
            Key = WaiterKey(entry.EventId, entry.TicketTypeId, entry.OwnerId),
            UpdateExpression = "REMOVE #entry",
            ConditionExpression = "#entry = :id",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#entry"] = EntryIdAttr },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":id"] = Attr.S(entry.Id) },
        },
    };

    /// <summary>A new hold (a waiting-list offer), only if no hold has its id.</summary>
    public TransactWriteItem NewHold(Hold hold) => NewItem(HoldStore.Item(hold));

    /// <summary>Writes an entry's change with whatever it carries; false when a condition failed (re-read and decide again).</summary>
    public async Task<bool> WriteAsync(IReadOnlyList<TransactWriteItem> items, CancellationToken ct)
    {
        try
        {
            await dynamo.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = [.. items] }, ct);
            return true;
        }
        catch (TransactionCanceledException cancelled) when (Transactions.IsRaceLost(cancelled))
        {
            return false;
        }
    }

    public static string WaitingPartition(string eventId, string ticketTypeId) => $"{WaitingPrefix}{eventId}#{ticketTypeId}";

    /// <summary>The entry as stored: in its line; ByOwner always; in the sparse waiting index while it waits.</summary>
    public static Dictionary<string, AttributeValue> Item(WaitingListEntry entry)
    {
        var item = Record(WaitListPk(entry.EventId, entry.TicketTypeId), WaitListSk(entry.JoinedAt, entry.Id), entry, StorageJson.Default.WaitingListEntry, entry.Version);
        item[Status] = Attr.S(entry.Status.ToString());
        item[OwnerId] = Attr.S(entry.OwnerId);
        item[EntryIdAttr] = Attr.S(entry.Id);
        item[OwnerPk] = Attr.S(OwnerPartition(entry.OwnerId));
        item[OwnerSk] = Attr.S(OwnerSort(WaitRecord, entry.JoinedAt, entry.Id));
        if (entry.Status == WaitingStatus.Waiting)
        {
            item[EventPkAttr] = Attr.S(WaitingPartition(entry.EventId, entry.TicketTypeId));
            item[EventSkAttr] = Attr.S(WaitListSk(entry.JoinedAt, entry.Id));
        }

        return item;
    }

    private static Dictionary<string, AttributeValue> WaiterKey(string eventId, string ticketTypeId, string ownerId) =>
        Key($"{WaiterPrefix}{eventId}#{ticketTypeId}#{ownerId}", WaiterSk);

    private TransactWriteItem NewItem(Dictionary<string, AttributeValue> item) => new()
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
