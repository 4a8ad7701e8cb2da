using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BitcoinEvents.Domain.Ticketing;
using BitcoinEvents.Infrastructure.Storage;
using static BitcoinEvents.Ticketing.Storage.TicketingItems;

namespace BitcoinEvents.Ticketing.Storage;

/// <summary>
/// An event's ticketing setup in the TicketingTable: types, quotas and their buckets, sessions,
/// vouchers, settings, staff. Every write is conditional: a create must not overwrite, an edit must
/// find the version it was computed from.
/// </summary>
internal sealed class SetupStore(IAmazonDynamoDB dynamo, TicketingTable table)
{
    /// <summary>The event's ticketing settings alone (one GetItem), the defaults when none were saved.</summary>
    public async Task<TicketingSettings> LoadSettingsAsync(string eventId, bool consistent, CancellationToken ct)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest { TableName = table.Name, Key = Key(EventPk(eventId), SettingsSk), ConsistentRead = consistent }, ct);
        return response.Item is { Count: > 0 } item ? Read(item, StorageJson.Default.TicketingSettings) : TicketingSettings.Default;
    }

    /// <summary>The event's whole setup (one Query over its partition).</summary>
    public async Task<EventSetup> LoadAsync(string eventId, bool consistent, CancellationToken ct)
    {
        var types = new Dictionary<string, TicketType>(StringComparer.Ordinal);
        var quotas = new Dictionary<string, Quota>(StringComparer.Ordinal);
        var sessions = new Dictionary<string, Session>(StringComparer.Ordinal);
        var vouchers = new Dictionary<string, VoucherUse>(StringComparer.Ordinal);
        var staff = new HashSet<string>(StringComparer.Ordinal);
        var checkIns = new Dictionary<string, long>(StringComparer.Ordinal);
        var settings = TicketingSettings.Default;
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await dynamo.QueryAsync(new QueryRequest
            {
                TableName = table.Name,
                KeyConditionExpression = "#pk = :pk",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#pk"] = Pk },
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":pk"] = Attr.S(EventPk(eventId)) },
                ConsistentRead = consistent,
                ExclusiveStartKey = start,
            }, ct);
            foreach (var item in page.Items ?? [])
            {
                var sk = Attr.RequireString(item, Sk);
                if (sk == SettingsSk)
                {
                    settings = Read(item, StorageJson.Default.TicketingSettings);
                }
                else if (sk.StartsWith(TypePrefix, StringComparison.Ordinal))
                {
                    var type = Read(item, StorageJson.Default.TicketType);
                    types[type.Id] = type;
                }
                else if (sk.StartsWith(QuotaPrefix, StringComparison.Ordinal))
                {
                    var quota = Read(item, StorageJson.Default.Quota);
                    quotas[quota.Id] = quota;
                }
                else if (sk.StartsWith(SessionPrefix, StringComparison.Ordinal))
                {
                    var session = Read(item, StorageJson.Default.Session);
                    sessions[session.Id] = session;
                }
                else if (sk.StartsWith(VoucherPrefix, StringComparison.Ordinal))
                {
                    var voucher = Read(item, StorageJson.Default.Voucher);
                    vouchers[voucher.Code] = new VoucherUse(voucher, (int)(item.ContainsKey(Used) ? Attr.GetLong(item, Used) : 0));
                }
                else if (sk.StartsWith(StaffPrefix, StringComparison.Ordinal))
                {
                    staff.Add(sk[StaffPrefix.Length..]);
                }
                else if (sk.StartsWith(CheckInsPrefix, StringComparison.Ordinal))
                {
                    checkIns[sk[CheckInsPrefix.Length..]] = item.ContainsKey(Count) ? Attr.GetLong(item, Count) : 0;
                }
            }

            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);

        return new EventSetup(eventId, types, quotas, sessions, vouchers, settings, staff, checkIns);
    }

    /// <summary>Writes a new type (false: the id exists) or the next version of one (false: it moved on).</summary>
    public Task<bool> PutTypeAsync(TicketType type, long? expectedVersion, CancellationToken ct) =>
        PutAsync(Record(EventPk(type.EventId), TypePrefix + type.Id, type, StorageJson.Default.TicketType, type.Version), expectedVersion, ct);

    public Task<bool> PutSessionAsync(Session session, long? expectedVersion, CancellationToken ct) =>
        PutAsync(Record(EventPk(session.EventId), SessionPrefix + session.Id, session, StorageJson.Default.Session, session.Version), expectedVersion, ct);

    public Task<bool> PutSettingsAsync(string eventId, TicketingSettings settings, long expectedVersion, CancellationToken ct) =>
        PutAsync(Record(EventPk(eventId), SettingsSk, settings, StorageJson.Default.TicketingSettings, settings.Version), expectedVersion == 0 ? null : expectedVersion, ct);

    /// <summary>A new voucher (false: the code exists for this event).</summary>
    public Task<bool> CreateVoucherAsync(Voucher voucher, CancellationToken ct)
    {
        var item = VoucherItem(voucher);
        item[Used] = Attr.N(0);
        return PutAsync(item, null, ct);
    }

    /// <summary>
    /// Saves an edited voucher keeping its use count, if it is still <paramref name="expectedVersion"/>
    /// and its limit is not below the uses taken meanwhile.
    /// </summary>
    public async Task<bool> UpdateVoucherAsync(Voucher voucher, long expectedVersion, CancellationToken ct)
    {
        var values = new Dictionary<string, AttributeValue>
        {
            [":data"] = Attr.S(System.Text.Json.JsonSerializer.Serialize(voucher, StorageJson.Default.Voucher)),
            [":version"] = Attr.N(voucher.Version),
            [":expected"] = Attr.N(expectedVersion),
            [":disabled"] = new() { BOOL = voucher.Disabled },
        };
        var set = "#data = :data, #version = :version, #disabled = :disabled";
        var condition = "#version = :expected";
        // DynamoDB refuses a name the expressions do not use: #used only where the limit is checked.
        var names = new Dictionary<string, string> { ["#data"] = Data, ["#version"] = VersionAttr, ["#disabled"] = Disabled, ["#limit"] = UsageLimit };
        string update;
        if (voucher.UsageLimit is { } limit)
        {
            values[":limit"] = Attr.N(limit);
            names["#used"] = Used;
            update = $"SET {set}, #limit = :limit";
            condition += " AND #used <= :limit";
        }
        else
        {
            update = $"SET {set} REMOVE #limit";
        }

        try
        {
            await dynamo.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = table.Name,
                Key = Key(EventPk(voucher.EventId), VoucherPrefix + voucher.Code),
                UpdateExpression = update,
                ConditionExpression = condition,
                ExpressionAttributeNames = names,
                ExpressionAttributeValues = values,
            }, ct);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    /// <summary>
    /// A new quota with its buckets, in one transaction (false: it exists). An event's total quota is
    /// created the first time it is needed, however many requests race to create it.
    /// </summary>
    public async Task<bool> CreateQuotaAsync(Quota quota, CancellationToken ct)
    {
        var items = new List<TransactWriteItem>
        {
            new() { Put = new Put { TableName = table.Name, Item = Record(EventPk(quota.EventId), QuotaPrefix + quota.Id, quota, StorageJson.Default.Quota, quota.Version), ConditionExpression = "attribute_not_exists(#pk)", ExpressionAttributeNames = new Dictionary<string, string> { ["#pk"] = Pk } } },
        };
        var seats = QuotaBuckets.Split(quota.Capacity, quota.Buckets);
        for (var b = 0; b < seats.Length; b++)
        {
            var bucket = Key(BucketPk(quota.Id, b), BucketSk);
            bucket[Available] = Attr.N(seats[b]);
            bucket["eventId"] = Attr.S(quota.EventId);
            items.Add(new TransactWriteItem { Put = new Put { TableName = table.Name, Item = bucket, ConditionExpression = "attribute_not_exists(#pk)", ExpressionAttributeNames = new Dictionary<string, string> { ["#pk"] = Pk } } });
        }

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
    /// Resizes a quota: the new quota record and every bucket change in one transaction, each cut
    /// conditional on the bucket still having the seats (false: a bucket or the quota moved on).
    /// </summary>
    public async Task<bool> ResizeQuotaAsync(Quota quota, long expectedVersion, IReadOnlyList<BucketTake> changes, CancellationToken ct)
    {
        var items = new List<TransactWriteItem>
        {
            new()
            {
                Put = new Put
                {
                    TableName = table.Name,
                    Item = Record(EventPk(quota.EventId), QuotaPrefix + quota.Id, quota, StorageJson.Default.Quota, quota.Version),
                    ConditionExpression = "#version = :expected",
                    ExpressionAttributeNames = new Dictionary<string, string> { ["#version"] = VersionAttr },
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":expected"] = Attr.N(expectedVersion) },
                },
            },
        };
        items.AddRange(changes.Select(c => c.Count >= 0 ? Buckets.Give(table.Name, quota.Id, c.Bucket, c.Count) : Buckets.Take(table.Name, quota.Id, c.Bucket, -c.Count)));
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

    /// <summary>The seats left in each bucket of each quota (eventually consistent: plans only; writes re-check).</summary>
    public async Task<IReadOnlyDictionary<string, int[]>> ReadAvailabilityAsync(IEnumerable<Quota> quotas, CancellationToken ct)
    {
        var wanted = quotas.ToList();
        var result = wanted.ToDictionary(q => q.Id, q => new int[q.Buckets], StringComparer.Ordinal);
        var keys = wanted.SelectMany(q => Enumerable.Range(0, q.Buckets).Select(b => Key(BucketPk(q.Id, b), BucketSk))).ToList();
        foreach (var chunk in keys.Chunk(100))
        {
            var request = new Dictionary<string, KeysAndAttributes> { [table.Name] = new() { Keys = [.. chunk] } };
            while (request.Count > 0)
            {
                var response = await dynamo.BatchGetItemAsync(new BatchGetItemRequest { RequestItems = request }, ct);
                foreach (var item in response.Responses?.GetValueOrDefault(table.Name) ?? [])
                {
                    var pk = Attr.RequireString(item, Pk);
                    var hash = pk.LastIndexOf('#');
                    var quotaId = pk[QuotaPrefix.Length..hash];
                    var bucket = int.Parse(pk[(hash + 1)..], System.Globalization.CultureInfo.InvariantCulture);
                    if (result.TryGetValue(quotaId, out var buckets) && bucket < buckets.Length)
                    {
                        buckets[bucket] = (int)Attr.GetLong(item, Available);
                    }
                }

                request = response.UnprocessedKeys is { Count: > 0 } unprocessed ? unprocessed : [];
            }
        }

        return result;
    }

    public async Task<bool> PutStaffAsync(string eventId, string userId, DateTimeOffset now, CancellationToken ct)
    {
        var item = Key(EventPk(eventId), StaffPrefix + userId);
        item["userId"] = Attr.S(userId);
        item["assignedAt"] = Attr.S(Attr.Instant(now));
        await dynamo.PutItemAsync(new PutItemRequest { TableName = table.Name, Item = item }, ct);
        return true;
    }

    public async Task<bool> DeleteStaffAsync(string eventId, string userId, CancellationToken ct)
    {
        var response = await dynamo.DeleteItemAsync(new DeleteItemRequest
        {
            TableName = table.Name,
            Key = Key(EventPk(eventId), StaffPrefix + userId),
            ReturnValues = ReturnValue.ALL_OLD,
        }, ct);
        return response.Attributes is { Count: > 0 };
    }

    public async Task<bool> IsStaffAsync(string eventId, string userId, CancellationToken ct)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest { TableName = table.Name, Key = Key(EventPk(eventId), StaffPrefix + userId), ConsistentRead = true }, ct);
        return response.Item is { Count: > 0 };
    }

    private static Dictionary<string, AttributeValue> VoucherItem(Voucher voucher)
    {
        var item = Record(EventPk(voucher.EventId), VoucherPrefix + voucher.Code, voucher, StorageJson.Default.Voucher, voucher.Version);
        item[Disabled] = new AttributeValue { BOOL = voucher.Disabled };
        if (voucher.UsageLimit is { } limit)
        {
            item[UsageLimit] = Attr.N(limit);
        }

        return item;
    }

    private async Task<bool> PutAsync(Dictionary<string, AttributeValue> item, long? expectedVersion, CancellationToken ct)
    {
        var request = new PutItemRequest { TableName = table.Name, Item = item };
        if (expectedVersion is { } expected)
        {
            request.ConditionExpression = "#version = :expected";
            request.ExpressionAttributeNames = new Dictionary<string, string> { ["#version"] = VersionAttr };
            request.ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":expected"] = Attr.N(expected) };
        }
        else
        {
            request.ConditionExpression = "attribute_not_exists(#pk)";
            request.ExpressionAttributeNames = new Dictionary<string, string> { ["#pk"] = Pk };
        }

        try
        {
            await dynamo.PutItemAsync(request, ct);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }
}
