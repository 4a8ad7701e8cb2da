using Amazon.DynamoDBv2.Model;
using BitcoinEvents.Domain.Ticketing;
using BitcoinEvents.Infrastructure.Storage;
using static BitcoinEvents.Ticketing.Storage.TicketingItems;

namespace BitcoinEvents.Ticketing.Storage;

/// <summary>The writes that move seats in and out of a quota's buckets, for a transaction.</summary>
internal static class Buckets
{
    /// <summary>Takes <paramref name="count"/> seats, only if the bucket still has them.</summary>
    public static TransactWriteItem Take(string table, string quotaId, int bucket, int count) => new()
    {
        Update = new Update
        {
            TableName = table,
            Key = Key(BucketPk(quotaId, bucket), BucketSk),
            UpdateExpression = "SET #available = #available - :n",
            ConditionExpression = "#available >= :n",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#available"] = Available },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":n"] = Attr.N(count) },
        },
    };

    /// <summary>Gives <paramref name="count"/> seats back (the write that took or holds them says it happens once).</summary>
    public static TransactWriteItem Give(string table, string quotaId, int bucket, int count) => new()
    {
        Update = new Update
        {
            TableName = table,
            Key = Key(BucketPk(quotaId, bucket), BucketSk),
            UpdateExpression = "SET #available = #available + :n",
            ConditionExpression = "attribute_exists(#available)",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#available"] = Available },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":n"] = Attr.N(count) },
        },
    };

    public static IEnumerable<TransactWriteItem> TakeAll(string table, IEnumerable<QuotaTake> takes) =>
        Merge(takes).Select(t => Take(table, t.QuotaId, t.Bucket, t.Count));

    public static IEnumerable<TransactWriteItem> GiveAll(string table, IEnumerable<QuotaTake> takes) =>
        Merge(takes).Select(t => Give(table, t.QuotaId, t.Bucket, t.Count));

    /// <summary>One write per bucket (a transaction may touch an item only once).</summary>
    public static IReadOnlyList<QuotaTake> Merge(IEnumerable<QuotaTake> takes) =>
        [.. takes.GroupBy(t => (t.QuotaId, t.Bucket)).Select(g => new QuotaTake(g.Key.QuotaId, g.Key.Bucket, g.Sum(t => t.Count))).Where(t => t.Count > 0)];
}
