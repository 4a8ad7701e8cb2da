using System.Text.Json;
using System.Text.Json.Serialization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BitcoinEvents.Domain.Ticketing;
using BitcoinEvents.Infrastructure.Pagination;
using BitcoinEvents.Infrastructure.Storage;
using static BitcoinEvents.Ticketing.Storage.TicketingItems;

namespace BitcoinEvents.Ticketing.Storage;

/// <summary>How recording a scan's answer went.</summary>
internal enum ScanWrite
{
    Written,

    /// <summary>An answer to this scan id is stored already (a retry, or a reuse of the id): read it.</summary>
    ScanExists,

    /// <summary>The ticket changed since it was read (another scan, a reassignment, a void): decide again.</summary>
    TicketChanged,
}

/// <summary>
/// The door in the TicketingTable: scan answers (<c>SCAN#{eventId}#{scanId}</c>, kept 30 days to
/// answer retries), check-in counters under the event (<c>CHECKINS#{door}</c>, <c>count</c>), and
/// the event's tickets through the ByEvent index (<c>EVENTTICKETS#{eventId}#{shard}</c>).
/// </summary>
internal sealed class DoorStore(IAmazonDynamoDB dynamo, TicketingTable table, OrderStore orders)
{
    /// <summary>The counter of tickets checked in at least once, beside one counter per door.</summary>
    public const string TicketsCounter = "tickets";

    public static readonly TimeSpan ScanRetention = TimeSpan.FromDays(30);

    public async Task<ScanAnswer?> GetScanAsync(string eventId, string scanId, CancellationToken ct)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest { TableName = table.Name, Key = Key(ScanPk(eventId, scanId), ScanSk), ConsistentRead = true }, ct);
        return response.Item is { Count: > 0 } item ? Read(item, DoorJson.Default.ScanAnswer) : null;
    }

    /// <summary>
    /// One transaction: the answer under its scan id (only if none is stored), the ticket's next
    /// version (only if it is still <paramref name="expectedVersion"/>), and one more check-in on
    /// each of <paramref name="counters"/>. Nothing is written unless all of it is.
    /// </summary>
    public async Task<ScanWrite> RecordAsync(string eventId, ScanAnswer answer, Ticket? next, long expectedVersion, IReadOnlyList<string> counters, CancellationToken ct)
    {
        var scan = Record(ScanPk(eventId, answer.ScanId), ScanSk, answer, DoorJson.Default.ScanAnswer, 1);
        scan["eventId"] = Attr.S(eventId);
        scan[Ttl] = Attr.N((answer.AnsweredAt + ScanRetention).ToUnixTimeSeconds());
        var items = new List<TransactWriteItem>
        {
            new()
            {
                Put = new Put
                {
                    TableName = table.Name,
                    Item = scan,
                    ConditionExpression = "attribute_not_exists(#pk)",
                    ExpressionAttributeNames = new Dictionary<string, string> { ["#pk"] = Pk },
                },
            },
        };
        if (next is not null)
        {
            items.Add(orders.ReplaceTicket(next, expectedVersion));
        }

        items.AddRange(counters.Select(door => new TransactWriteItem
        {
            Update = new Update
            {
                TableName = table.Name,
                Key = Key(EventPk(eventId), CheckInsPrefix + door),
                UpdateExpression = "ADD #count :one",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#count"] = Count },
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":one"] = Attr.N(1) },
            },
        }));

        try
        {
            if (items.Count == 1)
            {
                await dynamo.PutItemAsync(new PutItemRequest { TableName = table.Name, Item = scan, ConditionExpression = items[0].Put.ConditionExpression, ExpressionAttributeNames = items[0].Put.ExpressionAttributeNames }, ct);
            }
            else
            {
                await dynamo.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = items }, ct);
            }

            return ScanWrite.Written;
        }
        catch (ConditionalCheckFailedException)
        {
            return ScanWrite.ScanExists;
        }
        catch (TransactionCanceledException cancelled)
        {
            // Reasons come in the order of the items: the scan first, then the ticket.
            var reasons = cancelled.CancellationReasons ?? [];
            return reasons.Count > 0 && reasons[0].Code == "ConditionalCheckFailed" ? ScanWrite.ScanExists : ScanWrite.TicketChanged;
        }
    }

    /// <summary>True when <paramref name="sessionId"/> is a session of the event.</summary>
    public async Task<bool> SessionExistsAsync(string eventId, string sessionId, CancellationToken ct)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = table.Name,
            Key = Key(EventPk(eventId), SessionPrefix + sessionId),
            ProjectionExpression = "#pk",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#pk"] = Pk },
        }, ct);
        return response.Item is { Count: > 0 };
    }

    /// <summary>The event's check-in counters by door (and <see cref="TicketsCounter"/>), read consistently.</summary>
    public async Task<IReadOnlyDictionary<string, long>> ReadCountersAsync(string eventId, CancellationToken ct)
    {
        var counters = new Dictionary<string, long>(StringComparer.Ordinal);
        await foreach (var item in QueryAsync(EventPk(eventId), CheckInsPrefix, ct))
        {
            counters[Attr.RequireString(item, Sk)[CheckInsPrefix.Length..]] = item.ContainsKey(Count) ? Attr.GetLong(item, Count) : 0;
        }

        return counters;
    }

    /// <summary>The staff assigned to the event, with when each was assigned.</summary>
    public async Task<IReadOnlyList<(string UserId, DateTimeOffset AssignedAt)>> ListStaffAsync(string eventId, CancellationToken ct)
    {
        var staff = new List<(string, DateTimeOffset)>();
        await foreach (var item in QueryAsync(EventPk(eventId), StaffPrefix, ct))
        {
            staff.Add((Attr.RequireString(item, Sk)[StaffPrefix.Length..], Attr.GetInstant(item, "assignedAt") ?? DateTimeOffset.UnixEpoch));
        }

        return staff;
    }

    /// <summary>Every ticket of the event (all shards, read side by side; eventually consistent).</summary>
    public async Task<IReadOnlyList<Ticket>> ReadEventTicketsAsync(string eventId, CancellationToken ct)
    {
        var shards = await Task.WhenAll(Enumerable.Range(0, EventTicketShards).Select(async shard =>
        {
            var tickets = new List<Ticket>();
            Dictionary<string, AttributeValue>? start = null;
            do
            {
                var page = await dynamo.QueryAsync(EventTicketsQuery(eventId, shard, start, limit: null), ct);
                tickets.AddRange((page.Items ?? []).Select(i => Read(i, StorageJson.Default.Ticket)));
                start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
            }
            while (start is not null);

            return tickets;
        }));
        return [.. shards.SelectMany(s => s)];
    }

    /// <summary>One page of the event's tickets, shard after shard; the cursor is sealed to this listing.</summary>
    public async Task<Page<Ticket>> ListEventTicketsAsync(string eventId, int limit, string? cursor, CancellationToken ct)
    {
        var shard = 0;
        Dictionary<string, AttributeValue>? start = null;
        if (!string.IsNullOrEmpty(cursor))
        {
            if (!PageCursor.TryDecode(cursor, EventTicketsScope(eventId), 4, out var parts)
                || !int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out shard)
                || shard >= EventTicketShards)
            {
                throw new ArgumentException("Not a cursor of this listing.", nameof(cursor));
            }

            start = new Dictionary<string, AttributeValue>
            {
                [EventPkAttr] = Attr.S(EventTicketsPartition(eventId, shard)),
                [EventSkAttr] = Attr.S(parts[1]),
                [Pk] = Attr.S(parts[2]),
                [Sk] = Attr.S(parts[3]),
            };
        }

        var items = new List<Dictionary<string, AttributeValue>>();
        var itemShards = new List<int>();
        while (shard < EventTicketShards && items.Count <= limit)
        {
            var page = await dynamo.QueryAsync(EventTicketsQuery(eventId, shard, start, limit + 1 - items.Count), ct);
            foreach (var item in page.Items ?? [])
            {
                items.Add(item);
                itemShards.Add(shard);
            }

            if (page.LastEvaluatedKey is { Count: > 0 } last)
            {
                start = last;
            }
            else
            {
                start = null;
                shard++;
            }
        }

        string? next = null;
        if (items.Count > limit)
        {
            var lastItem = items[limit - 1];
            next = PageCursor.Encode(
                EventTicketsScope(eventId),
                itemShards[limit - 1].ToString(System.Globalization.CultureInfo.InvariantCulture),
                Attr.RequireString(lastItem, EventSkAttr),
                Attr.RequireString(lastItem, Pk),
                Attr.RequireString(lastItem, Sk));
        }

        return new Page<Ticket>([.. items.Take(limit).Select(i => Read(i, StorageJson.Default.Ticket))], next);
    }

    public static string EventTicketsScope(string eventId) => $"event-tickets:{eventId}";

    /// <summary>False when <paramref name="cursor"/> is not one the event's ticket listing issued.</summary>
    public static bool IsEventTicketsCursor(string? cursor, string eventId) =>
        string.IsNullOrEmpty(cursor)
        || (PageCursor.TryDecode(cursor, EventTicketsScope(eventId), 4, out var parts)
            && int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var shard)
            && shard < EventTicketShards);

    private QueryRequest EventTicketsQuery(string eventId, int shard, Dictionary<string, AttributeValue>? start, int? limit) => new()
    {
        TableName = table.Name,
        IndexName = ByEvent,
        KeyConditionExpression = "#pk = :pk",
        ExpressionAttributeNames = new Dictionary<string, string> { ["#pk"] = EventPkAttr },
        ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":pk"] = Attr.S(EventTicketsPartition(eventId, shard)) },
        ExclusiveStartKey = start,
        Limit = limit,
    };

    private async IAsyncEnumerable<Dictionary<string, AttributeValue>> QueryAsync(string pk, string skPrefix, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await dynamo.QueryAsync(new QueryRequest
            {
                TableName = table.Name,
                KeyConditionExpression = "#pk = :pk AND begins_with(#sk, :prefix)",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#pk"] = Pk, ["#sk"] = Sk },
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":pk"] = Attr.S(pk), [":prefix"] = Attr.S(skPrefix) },
                ConsistentRead = true,
                ExclusiveStartKey = start,
            }, ct);
            foreach (var item in page.Items ?? [])
            {
                yield return item;
            }

            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);
    }
}

/// <summary>How the door's records are stored (the scan answers): JSON in <c>data</c>, never sent to clients as is.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
[JsonSerializable(typeof(ScanAnswer))]
internal sealed partial class DoorJson : JsonSerializerContext;
