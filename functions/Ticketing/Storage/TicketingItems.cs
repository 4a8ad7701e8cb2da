using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Amazon.DynamoDBv2.Model;
using BitcoinEvents.Infrastructure.Storage;

namespace BitcoinEvents.Ticketing.Storage;

/// <summary>
/// The TicketingTable layout (docs/ticketing.md). Every record is the domain record as JSON in
/// <c>data</c>, plus <c>version</c> (writes are conditional on it), <c>status</c> where conditions
/// read it, and sparse index keys:
/// <list type="bullet">
/// <item>an event's setup under <c>EVENT#{eventId}</c>: <c>SETTINGS</c>, <c>TYPE#{id}</c>, <c>QUOTA#{id}</c>,
/// <c>SESSION#{id}</c>, <c>VOUCHER#{code}</c>, <c>STAFF#{userId}</c>, <c>CHECKINS#{session}</c> (one Query reads it);</item>
/// <item>a quota's seats in buckets, each its own partition: <c>QUOTA#{quotaId}#{bb}</c> / <c>BUCKET</c> with <c>available</c>;</item>
/// <item><c>HOLD#{id}</c>, <c>ORDER#{id}</c>, <c>TICKET#{id}</c> / the same word;</item>
/// <item>waiting lists <c>WAITLIST#{eventId}#{typeId}</c> / <c>{joinedAt}#{entryId}</c>; scans <c>SCAN#{eventId}#{scanId}</c>;</item>
/// <item>ByOwner (<c>OWNER#{sub}</c>, <c>{KIND}#{createdAt}#{id}</c>): a buyer's holds, orders, tickets, entries;</item>
/// <item>ByEvent (<c>EVENTORDERS#{eventId}</c>, <c>{createdAt}#{id}</c>): an event's orders; and
/// (<c>EVENTTICKETS#{eventId}#{shard}</c>, <c>{issuedAt}#{id}</c>): its tickets, in 8 shards so a hot sale does not write one index partition;</item>
/// <item>ByExpiry (<c>EXPIRY#{yyyyMMdd}#{shard}</c>, <c>{deadline}#{KIND}#{id}</c>): active holds and pending orders, until they settle.</item>
/// </list>
/// </summary>
internal static class TicketingItems
{
    public const string Pk = "pk";
    public const string Sk = "sk";
    public const string Data = "data";
    public const string VersionAttr = "version";
    public const string Status = "status";
    public const string Deadline = "deadline";
    public const string OwnerId = "ownerId";
    public const string Available = "available";
    public const string Used = "used";
    public const string UsageLimit = "usageLimit";
    public const string Disabled = "disabled";
    public const string Count = "count";
    public const string Ttl = "ttl";

    public const string ByOwner = "ByOwner";
    public const string OwnerPk = "gsi1pk";
    public const string OwnerSk = "gsi1sk";
    public const string ByEvent = "ByEvent";
    public const string EventPkAttr = "gsi2pk";
    public const string EventSkAttr = "gsi2sk";
    public const string ByExpiry = "ByExpiry";
    public const string ExpiryPk = "gsi3pk";
    public const string ExpirySk = "gsi3sk";

    /// <summary>Shards of each day's expiry partition, so a hot sale's holds spread over partitions.</summary>
    public const int ExpiryShards = 8;

    public const string HoldRecord = "HOLD";
    public const string OrderRecord = "ORDER";
    public const string TicketRecord = "TICKET";
    public const string WaitRecord = "WAIT";

    public static string EventPk(string eventId) => $"EVENT#{eventId}";

    public const string SettingsSk = "SETTINGS";
    public const string TypePrefix = "TYPE#";
    public const string QuotaPrefix = "QUOTA#";
    public const string SessionPrefix = "SESSION#";
    public const string VoucherPrefix = "VOUCHER#";
    public const string StaffPrefix = "STAFF#";
    public const string CheckInsPrefix = "CHECKINS#";

    public static string BucketPk(string quotaId, int bucket) => $"QUOTA#{quotaId}#{bucket.ToString("D2", CultureInfo.InvariantCulture)}";

    public const string BucketSk = "BUCKET";

    public static string WaitListPk(string eventId, string ticketTypeId) => $"WAITLIST#{eventId}#{ticketTypeId}";

    public static string WaitListSk(DateTimeOffset joinedAt, string entryId) => $"{Attr.Instant(joinedAt)}#{entryId}";

    public static string ScanPk(string eventId, string scanId) => $"SCAN#{eventId}#{scanId}";

    public const string ScanSk = "SCAN";

    /// <summary>Shards of an event's ticket index partition (by the ticket id's last hex digit).</summary>
    public const int EventTicketShards = 8;

    public static string EventTicketsPartition(string eventId, int shard) => $"EVENTTICKETS#{eventId}#{shard}";

    public static string EventTicketsPartitionOf(string eventId, string ticketId) => EventTicketsPartition(eventId, Convert.ToInt32(ticketId[^1..], 16) % EventTicketShards);

    public static string OwnerPartition(string ownerId) => $"OWNER#{ownerId}";

    public static string OwnerSort(string kind, DateTimeOffset createdAt, string id) => $"{kind}#{Attr.Instant(createdAt)}#{id}";

    public static string EventOrdersPartition(string eventId) => $"EVENTORDERS#{eventId}";

    public static string ExpiryPartition(DateTimeOffset deadline, string id) =>
        $"EXPIRY#{deadline.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}#{Shard(id)}";

    public static string ExpiryPartition(DateOnly day, int shard) => $"EXPIRY#{day.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}#{shard}";

    public static string ExpirySort(DateTimeOffset deadline, string kind, string id) => $"{Attr.Instant(deadline)}#{kind}#{id}";

    private static int Shard(string id) => Convert.ToInt32(id[^1..], 16) % ExpiryShards;

    public static Dictionary<string, AttributeValue> Key(string pk, string sk) => new()
    {
        [Pk] = Attr.S(pk),
        [Sk] = Attr.S(sk),
    };

    /// <summary>A record: its key, its JSON, its version.</summary>
    public static Dictionary<string, AttributeValue> Record<T>(string pk, string sk, T value, JsonTypeInfo<T> type, long version)
    {
        var item = Key(pk, sk);
        item[Data] = Attr.S(JsonSerializer.Serialize(value, type));
        item[VersionAttr] = Attr.N(version);
        return item;
    }

    public static T Read<T>(IReadOnlyDictionary<string, AttributeValue> item, JsonTypeInfo<T> type) =>
        JsonSerializer.Deserialize(Attr.RequireString(item, Data), type) ?? throw new InvalidDataException("A stored record is JSON null.");

    public static bool TryKeyPrefix(IReadOnlyDictionary<string, AttributeValue> item, string prefix) =>
        Attr.GetString(item, Sk) is { } sk && sk.StartsWith(prefix, StringComparison.Ordinal);
}
