using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BitcoinEvents.Infrastructure.Storage;
using static BitcoinEvents.Ticketing.Storage.TicketingItems;

namespace BitcoinEvents.Ticketing.Storage;

/// <summary>Something whose deadline has passed: an active hold or a pending order.</summary>
internal sealed record DueItem(string Kind, string Id);

/// <summary>
/// The ByExpiry index: active holds and pending orders by deadline, in day partitions split over
/// <see cref="TicketingItems.ExpiryShards"/> shards (a hot sale's holds spread over partitions).
/// The sweeper reads what is due; the write that settles an item decides (its condition), not this read.
/// </summary>
internal sealed class ExpiryIndex(IAmazonDynamoDB dynamo, TicketingTable table)
{
    /// <summary>How many days back the sweeper looks (a sweeper down for that long still catches up).</summary>
    public const int LookBackDays = 3;

    public async IAsyncEnumerable<DueItem> FindDueAsync(DateTimeOffset now, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        for (var day = today.AddDays(-LookBackDays); day <= today; day = day.AddDays(1))
        {
            for (var shard = 0; shard < ExpiryShards; shard++)
            {
                Dictionary<string, AttributeValue>? start = null;
                do
                {
                    var response = await dynamo.QueryAsync(new QueryRequest
                    {
                        TableName = table.Name,
                        IndexName = ByExpiry,
                        KeyConditionExpression = "#pk = :pk AND #sk <= :now",
                        ExpressionAttributeNames = new Dictionary<string, string> { ["#pk"] = ExpiryPk, ["#sk"] = ExpirySk },
                        ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                        {
                            [":pk"] = Attr.S(ExpiryPartition(day, shard)),
                            // Sort keys are {deadline}#{kind}#{id}: everything with a deadline up to now sorts below "{now}#~".
                            [":now"] = Attr.S(Attr.Instant(now) + "#~"),
                        },
                        ExclusiveStartKey = start,
                    }, ct);
                    foreach (var item in response.Items ?? [])
                    {
                        var parts = Attr.RequireString(item, ExpirySk).Split('#');
                        yield return new DueItem(parts[1], parts[2]);
                    }

                    start = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
                }
                while (start is not null);
            }
        }
    }
}
