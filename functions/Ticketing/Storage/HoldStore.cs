using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BitcoinEvents.Domain.Ticketing;
using BitcoinEvents.Infrastructure.Storage;
using static BitcoinEvents.Ticketing.Storage.TicketingItems;

namespace BitcoinEvents.Ticketing.Storage;

/// <summary>Why a hold was not written.</summary>
internal enum HoldWrite
{
    Created,

    /// <summary>A bucket no longer had the seats planned from it (someone took them first): read again and retry.</summary>
    SeatsGone,

    /// <summary>The voucher's last use went to someone else (or it was disabled meanwhile).</summary>
    VoucherUsedUp,

    /// <summary>A hold with this id exists (a retried request).</summary>
    Exists,
}

/// <summary>
/// Holds in the TicketingTable. Taking the seats (each bucket's decrement conditional on its seats
/// still being there), the voucher use (conditional on its limit) and writing the hold are ONE
/// transaction: nothing is check-then-write, and either all of it happens or none.
/// </summary>
internal sealed class HoldStore(IAmazonDynamoDB dynamo, TicketingTable table)
{
    /// <summary>Time after a hold settles when TTL may clean it up (it decides nothing).</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    public string TableName => table.Name;

    public async Task<HoldWrite> CreateAsync(Hold hold, CancellationToken ct)
    {
        var items = Buckets.TakeAll(table.Name, hold.Allocations).ToList();
        var bucketWrites = items.Count;
        if (hold.VoucherCode is { } code)
        {
            items.Add(new TransactWriteItem
            {
                Update = new Update
                {
                    TableName = table.Name,
                    Key = Key(EventPk(hold.EventId), VoucherPrefix + code),
                    UpdateExpression = "SET #used = #used + :one",
                    ConditionExpression = "attribute_exists(#pk) AND #disabled = :false AND (attribute_not_exists(#limit) OR #used < #limit)",
                    ExpressionAttributeNames = new Dictionary<string, string> { ["#used"] = Used, ["#pk"] = Pk, ["#disabled"] = Disabled, ["#limit"] = UsageLimit },
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":one"] = Attr.N(1), [":false"] = new() { BOOL = false } },
                },
            });
        }

        items.Add(new TransactWriteItem
        {
            Put = new Put
            {
                TableName = table.Name,
                Item = Item(hold),
                ConditionExpression = "attribute_not_exists(#pk)",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#pk"] = Pk },
            },
        });

        try
        {
            await dynamo.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = items }, ct);
            return HoldWrite.Created;
        }
        catch (TransactionCanceledException cancelled)
        {
            var reasons = cancelled.CancellationReasons ?? [];
            bool Failed(int index) => index < reasons.Count && reasons[index].Code == "ConditionalCheckFailed";
            if (Enumerable.Range(0, bucketWrites).Any(Failed) || reasons.Any(r => r.Code == "TransactionConflict"))
            {
                return HoldWrite.SeatsGone;
            }

            if (hold.VoucherCode is not null && Failed(bucketWrites))
            {
                return HoldWrite.VoucherUsedUp;
            }

            if (Failed(items.Count - 1))
            {
                return HoldWrite.Exists;
            }

            throw;
        }
    }

    public async Task<Hold?> GetAsync(string holdId, bool consistent, CancellationToken ct)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest { TableName = table.Name, Key = Key(HoldPk(holdId), HoldRecord), ConsistentRead = consistent }, ct);
        return response.Item is { Count: > 0 } item ? Read(item, StorageJson.Default.Hold) : null;
    }

    /// <summary>
    /// Settles an active hold (released by its buyer, or expired): its new state, the seats in
    /// <paramref name="seatsBack"/> and its voucher use given back, plus <paramref name="also"/>
    /// (waiting-list offers that took the other seats over, outbox events), in one transaction
    /// conditional on the hold still being the active version read. False: it settled meanwhile, or
    /// a condition of <paramref name="also"/> failed.
    /// </summary>
    public async Task<bool> SettleAsync(Hold settled, long expectedVersion, IReadOnlyList<QuotaTake> seatsBack, IEnumerable<TransactWriteItem> also, DateTimeOffset now, CancellationToken ct)
    {
        var put = ReplaceActive(settled, expectedVersion);
        if (settled.Status == HoldStatus.Expired)
        {
            // Expiry is decided by the write: only a hold whose deadline has passed expires.
            put.ConditionExpression += " AND #deadline <= :now";
            put.ExpressionAttributeNames["#deadline"] = Deadline;
            put.ExpressionAttributeValues[":now"] = Attr.S(Attr.Instant(now));
        }

        var items = new List<TransactWriteItem> { new() { Put = put } };
        items.AddRange(Buckets.GiveAll(table.Name, seatsBack));
        if (settled.VoucherCode is { } code)
        {
            items.Add(VoucherBack(settled.EventId, code));
        }

        items.AddRange(also);
        try
        {
            await dynamo.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = items }, ct);
            return true;
        }
        catch (TransactionCanceledException cancelled) when (Transactions.IsRaceLost(cancelled))
        {
            // The hold settled meanwhile, or something the settlement carries (a waiting entry it
            // offered to) changed: the caller re-reads and decides again.
            return false;
        }
    }

    /// <summary>The Put that replaces an active hold, conditional on it being still active at <paramref name="expectedVersion"/>.</summary>
    public Put ReplaceActive(Hold next, long expectedVersion) => new()
    {
        TableName = table.Name,
        Item = Item(next),
        ConditionExpression = "#version = :expected AND #status = :active",
        ExpressionAttributeNames = new Dictionary<string, string> { ["#version"] = VersionAttr, ["#status"] = Status },
        ExpressionAttributeValues = new Dictionary<string, AttributeValue>
        {
            [":expected"] = Attr.N(expectedVersion),
            [":active"] = Attr.S(nameof(HoldStatus.Active)),
        },
    };

    /// <summary>Gives a voucher use back (a lapsed hold or order), never below zero.</summary>
    public TransactWriteItem VoucherBack(string eventId, string code) => new()
    {
        Update = new Update
        {
            TableName = table.Name,
            Key = Key(EventPk(eventId), VoucherPrefix + code),
            UpdateExpression = "SET #used = #used - :one",
            ConditionExpression = "#used >= :one",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#used"] = Used },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":one"] = Attr.N(1) },
        },
    };

    public static string HoldPk(string holdId) => $"HOLD#{holdId}";

    /// <summary>The hold as stored: indexed by owner always, by expiry while active.</summary>
    public static Dictionary<string, AttributeValue> Item(Hold hold)
    {
        var item = Record(HoldPk(hold.Id), HoldRecord, hold, StorageJson.Default.Hold, hold.Version);
        item[Status] = Attr.S(hold.Status.ToString());
        item[Deadline] = Attr.S(Attr.Instant(hold.ExpiresAt));
        item[OwnerId] = Attr.S(hold.OwnerId);
        item[OwnerPk] = Attr.S(OwnerPartition(hold.OwnerId));
        item[OwnerSk] = Attr.S(OwnerSort(HoldRecord, hold.CreatedAt, hold.Id));
        if (hold.Status == HoldStatus.Active)
        {
            item[ExpiryPk] = Attr.S(ExpiryPartition(hold.ExpiresAt, hold.Id));
            item[ExpirySk] = Attr.S(ExpirySort(hold.ExpiresAt, HoldRecord, hold.Id));
        }
        else
        {
            item[Ttl] = Attr.N(hold.ExpiresAt.Add(Retention).ToUnixTimeSeconds());
        }

        return item;
    }
}
