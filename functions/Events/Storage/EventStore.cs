using BitcoinEvents.Infrastructure.Catalog;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BitcoinEvents.Domain.Events;
using BitcoinEvents.Infrastructure.Pagination;
using BitcoinEvents.Infrastructure.Storage;
using Microsoft.Extensions.Configuration;

namespace BitcoinEvents.Events.Storage;

/// <summary>Where a page of a listing resumes: the index partition (a year bucket) and the sort key of the last item.</summary>
internal sealed record IndexPosition(string Partition, string SortKey);

/// <summary>A page read from an index: the events and, when there are more, where the next page starts.</summary>
internal sealed record IndexPage(IReadOnlyList<Event> Items, IndexPosition? Next);

/// <summary>Which listing a page belongs to; a cursor is valid for its own listing only.</summary>
public abstract record EventListing
{
    private EventListing()
    {
    }

    /// <summary>Published events that have not ended, in <paramref name="Order"/> (the public listing).</summary>
    public sealed record Published(ListingOrder Order) : EventListing;

    /// <summary>One organizer's events, any status, newest first.</summary>
    public sealed record ByOrganizer(string OrganizerId) : EventListing;
}

/// <summary>Where the next page of a listing starts, as read from its cursor. Opaque outside the store.</summary>
public sealed class ListingPosition
{
    internal ListingPosition(IndexPosition position) => Position = position;

    internal IndexPosition Position { get; }
}

/// <summary>The public listing orders.</summary>
public enum ListingOrder
{
    /// <summary>Not yet ended, by start ascending (ByStart).</summary>
    Soonest,

    /// <summary>By publication, newest first (ByPublished).</summary>
    Newest,
}

/// <summary>
/// Events in the EventsTable (<c>EVENTS_TABLE</c>). Every write is conditional: a create must not
/// overwrite, a change must find the version it was computed from.
/// </summary>
public sealed class EventStore
{
    public const string TableSetting = EventCatalog.TableSetting;

    /// <summary>How many years back the newest-first listing and the completion job look.</summary>
    public const int LookBackYears = 10;

    private readonly IAmazonDynamoDB _dynamo;

    /// <summary>Reads one event as every area does (same table, same item mapping); this store adds the writes and listings.</summary>
    private readonly EventCatalog _catalog;

    public EventStore(IAmazonDynamoDB dynamo, IConfiguration configuration)
    {
        _dynamo = dynamo;
        _catalog = new EventCatalog(dynamo, configuration);
    }

    private string Table => _catalog.Table;

    /// <summary>GetItem. Changes read consistently; public reads may be eventually consistent.</summary>
    public Task<Event?> GetAsync(string eventId, bool consistent, CancellationToken ct) => _catalog.GetAsync(eventId, consistent, ct);

    /// <summary>PutItem if no event has the id; false when one does.</summary>
    public async Task<bool> CreateAsync(Event e, CancellationToken ct)
    {
        try
        {
            await _dynamo.PutItemAsync(new PutItemRequest
            {
                TableName = Table,
                Item = EventItems.ToItem(e),
                ConditionExpression = "attribute_not_exists(pk)",
            }, ct);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    /// <summary>
    /// The next version if the stored one is still <paramref name="expectedVersion"/>, together with
    /// <paramref name="also"/> (outbox Puts of the domain events it causes) in one transaction; false when it moved on.
    /// </summary>
    public async Task<bool> ReplaceAsync(Event next, long expectedVersion, IReadOnlyList<TransactWriteItem> also, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(also);
        if (also.Count == 0)
        {
            return await ReplaceAsync(next, expectedVersion, ct);
        }

        var put = new Put
        {
            TableName = Table,
            Item = EventItems.ToItem(next),
            ConditionExpression = "version = :expected",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":expected"] = Attr.N(expectedVersion) },
        };
        try
        {
            await _dynamo.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = [new() { Put = put }, .. also] }, ct);
            return true;
        }
        catch (TransactionCanceledException cancelled) when (cancelled.CancellationReasons is { Count: > 0 } reasons && reasons[0].Code is "ConditionalCheckFailed" or "TransactionConflict")
        {
            return false;
        }
    }

    /// <summary>PutItem of the next version if the stored one is still <paramref name="expectedVersion"/>; false when it moved on.</summary>
    public async Task<bool> ReplaceAsync(Event next, long expectedVersion, CancellationToken ct)
    {
        try
        {
            await _dynamo.PutItemAsync(new PutItemRequest
            {
                TableName = Table,
                Item = EventItems.ToItem(next),
                ConditionExpression = "version = :expected",
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":expected"] = Attr.N(expectedVersion) },
            }, ct);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    /// <summary>
    /// UpdateItem: marks a published event completed and takes it out of the listing indexes, if it
    /// is still the published <paramref name="expectedVersion"/>; false otherwise (changed or done already).
    /// </summary>
    public async Task<bool> MarkCompletedAsync(Event completed, long expectedVersion, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(completed);
        try
        {
            await _dynamo.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = Table,
                Key = EventItems.Key(completed.Id),
                UpdateExpression = "SET #status = :completed, completedAt = :completedAt, updatedAt = :updatedAt, version = :version "
                    + $"REMOVE {EventItems.StartPk}, {EventItems.StartSk}, {EventItems.PublishedPk}, {EventItems.PublishedSk}",
                ConditionExpression = "version = :expected AND #status = :published",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#status"] = "status" },
                ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                {
                    [":completed"] = Attr.S(completed.Status.ToName()),
                    [":completedAt"] = Attr.S(Attr.Instant(completed.CompletedAt ?? completed.UpdatedAt)),
                    [":updatedAt"] = Attr.S(Attr.Instant(completed.UpdatedAt)),
                    [":version"] = Attr.N(completed.Version),
                    [":expected"] = Attr.N(expectedVersion),
                    [":published"] = Attr.S(EventStatus.Published.ToName()),
                },
            }, ct);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    /// <summary>
    /// The year buckets a public listing walks, in order: for <see cref="ListingOrder.Soonest"/> from
    /// the year of the oldest start a not-yet-ended event can have to the furthest an event may be
    /// scheduled; for <see cref="ListingOrder.Newest"/> from this year back <see cref="LookBackYears"/>.
    /// </summary>
    internal static IReadOnlyList<string> ListingPartitions(ListingOrder order, DateTimeOffset now)
    {
        var thisYear = now.UtcDateTime.Year;
        if (order == ListingOrder.Soonest)
        {
            var first = now.Subtract(EventRules.MaxDuration).UtcDateTime.Year;
            var last = thisYear + EventRules.MaxLeadTimeYears;
            return [.. Enumerable.Range(first, last - first + 1).Select(EventItems.StartPartition)];
        }

        return [.. Enumerable.Range(thisYear - LookBackYears, LookBackYears + 1).Reverse().Select(EventItems.PublishedPartition)];
    }

    /// <summary>
    /// Reads a cursor the store issued for <paramref name="listing"/> (as <see cref="Page{T}.NextCursor"/>).
    /// No cursor: true, from the start. A cursor altered, truncated or of another listing: false.
    /// </summary>
    public static bool TryReadCursor(EventListing listing, string? cursor, out ListingPosition? after)
    {
        after = null;
        if (string.IsNullOrEmpty(cursor))
        {
            return true;
        }

        Func<string, bool> isPartition = listing switch
        {
            EventListing.Published { Order: ListingOrder.Soonest } => p => ListingCursors.IsYearPartition(p, EventItems.StartPrefix),
            EventListing.Published => p => ListingCursors.IsYearPartition(p, EventItems.PublishedPrefix),
            EventListing.ByOrganizer organizer => p => string.Equals(p, EventItems.OrganizerPartition(organizer.OrganizerId), StringComparison.Ordinal),
            _ => throw new ArgumentOutOfRangeException(nameof(listing), listing, null),
        };
        if (!ListingCursors.TryDecode(cursor, CursorScope(listing), isPartition, out var position))
        {
            return false;
        }

        after = new ListingPosition(position!);
        return true;
    }

    /// <summary>One page of <paramref name="listing"/> after <paramref name="after"/>; its next cursor is null on the last page.</summary>
    public async Task<Page<Event>> ListAsync(EventListing listing, int limit, ListingPosition? after, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(listing);
        var page = listing switch
        {
            EventListing.Published published => await ListPublishedAsync(published.Order, limit, after?.Position, now, ct),
            EventListing.ByOrganizer organizer => await ListByOrganizerAsync(organizer.OrganizerId, limit, after?.Position, ct),
            _ => throw new ArgumentOutOfRangeException(nameof(listing), listing, null),
        };
        return new Page<Event>(page.Items, ListingCursors.Encode(CursorScope(listing), page.Next));
    }

    // The scopes cursors are sealed to (kept as the operations named them, so issued cursors stay valid).
    private static string CursorScope(EventListing listing) => listing switch
    {
        EventListing.Published published => $"ListEvents:{published.Order}",
        EventListing.ByOrganizer organizer => $"ListOrganizerEvents:{organizer.OrganizerId}",
        _ => throw new ArgumentOutOfRangeException(nameof(listing), listing, null),
    };

    /// <summary>Query ByStart or ByPublished: listed events that have not ended, one page.</summary>
    internal Task<IndexPage> ListPublishedAsync(ListingOrder order, int limit, IndexPosition? after, DateTimeOffset now, CancellationToken ct)
    {
        var soonest = order == ListingOrder.Soonest;
        return QueryAsync(
            new IndexQuery(
                soonest ? EventItems.ByStart : EventItems.ByPublished,
                soonest ? EventItems.StartPk : EventItems.PublishedPk,
                soonest ? EventItems.StartSk : EventItems.PublishedSk,
                ListingPartitions(order, now),
                Forward: soonest,
                Filter: "endsAt > :now",
                FilterValues: new Dictionary<string, AttributeValue> { [":now"] = Attr.S(Attr.Instant(now)) }),
            limit,
            after,
            ct);
    }

    /// <summary>Query ByOrganizer: one organizer's events, any status, newest first.</summary>
    internal Task<IndexPage> ListByOrganizerAsync(string organizerId, int limit, IndexPosition? after, CancellationToken ct) =>
        QueryAsync(
            new IndexQuery(EventItems.ByOrganizer, EventItems.OrganizerPk, EventItems.OrganizerSk, [EventItems.OrganizerPartition(organizerId)], Forward: false),
            limit,
            after,
            ct);

    /// <summary>Query ByStart: published events that have ended by <paramref name="now"/> (the completion job).</summary>
    public async IAsyncEnumerable<Event> FindEndedAsync(DateTimeOffset now, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var thisYear = now.UtcDateTime.Year;
        var values = new Dictionary<string, AttributeValue>
        {
            [":now"] = Attr.S(Attr.Instant(now)),
            [":startedBefore"] = Attr.S(Attr.Instant(now)),
        };
        for (var year = thisYear - LookBackYears; year <= thisYear; year++)
        {
            Dictionary<string, AttributeValue>? startKey = null;
            do
            {
                var response = await _dynamo.QueryAsync(new QueryRequest
                {
                    TableName = Table,
                    IndexName = EventItems.ByStart,
                    KeyConditionExpression = "#pk = :pk AND #sk < :startedBefore",
                    FilterExpression = "endsAt <= :now",
                    ExpressionAttributeNames = new Dictionary<string, string> { ["#pk"] = EventItems.StartPk, ["#sk"] = EventItems.StartSk },
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue>(values) { [":pk"] = Attr.S(EventItems.StartPartition(year)) },
                    ExclusiveStartKey = startKey,
                }, ct);
                foreach (var item in response.Items ?? [])
                {
                    yield return EventItems.FromItem(item);
                }

                startKey = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
            }
            while (startKey is not null);
        }
    }

    private sealed record IndexQuery(
        string IndexName,
        string PkAttribute,
        string SkAttribute,
        IReadOnlyList<string> Partitions,
        bool Forward,
        string? Filter = null,
        Dictionary<string, AttributeValue>? FilterValues = null);

    /// <summary>
    /// Reads <paramref name="limit"/> + 1 items across the partitions in order (the extra one only says
    /// whether there is a next page), resuming after <paramref name="after"/>.
    /// </summary>
    private async Task<IndexPage> QueryAsync(IndexQuery query, int limit, IndexPosition? after, CancellationToken ct)
    {
        var first = 0;
        if (after is not null)
        {
            first = IndexOf(query.Partitions, after.Partition);
            if (first < 0)
            {
                // The cursor's bucket fell out of the horizon (time moved on): nothing older to show
                // when walking back; when walking forward, start at the first bucket.
                first = query.Forward && string.CompareOrdinal(after.Partition, query.Partitions[0]) < 0 ? 0 : query.Partitions.Count;
                after = null;
            }
        }

        var collected = new List<Dictionary<string, AttributeValue>>(limit + 1);
        for (var i = first; i < query.Partitions.Count && collected.Count <= limit; i++)
        {
            var partition = query.Partitions[i];
            var startKey = after is not null && i == first
                ? EventItems.IndexKey(query.PkAttribute, partition, query.SkAttribute, after.SortKey)
                : null;
            do
            {
                var values = query.FilterValues is null
                    ? new Dictionary<string, AttributeValue>()
                    : new Dictionary<string, AttributeValue>(query.FilterValues);
                values[":pk"] = Attr.S(partition);
                var response = await _dynamo.QueryAsync(new QueryRequest
                {
                    TableName = Table,
                    IndexName = query.IndexName,
                    KeyConditionExpression = "#pk = :pk",
                    FilterExpression = query.Filter,
                    ExpressionAttributeNames = new Dictionary<string, string> { ["#pk"] = query.PkAttribute },
                    ExpressionAttributeValues = values,
                    ScanIndexForward = query.Forward,
                    ExclusiveStartKey = startKey,
                    Limit = limit + 1 - collected.Count,
                }, ct);
                foreach (var item in response.Items ?? [])
                {
                    collected.Add(item);
                    if (collected.Count > limit)
                    {
                        break;
                    }
                }

                startKey = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
            }
            while (startKey is not null && collected.Count <= limit);
        }

        var hasMore = collected.Count > limit;
        var items = collected.Take(limit).ToList();
        IndexPosition? next = null;
        if (hasMore)
        {
            var lastItem = items[^1];
            next = new IndexPosition(Attr.RequireString(lastItem, query.PkAttribute), Attr.RequireString(lastItem, query.SkAttribute));
        }

        return new IndexPage([.. items.Select(EventItems.FromItem)], next);
    }

    private static int IndexOf(IReadOnlyList<string> partitions, string partition)
    {
        for (var i = 0; i < partitions.Count; i++)
        {
            if (string.Equals(partitions[i], partition, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
