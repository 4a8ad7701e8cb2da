using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BitcoinEvents.Domain.Events;
using Microsoft.Extensions.Configuration;

namespace BitcoinEvents.Infrastructure.Catalog;

/// <summary>
/// The events catalog as other areas see it: read one event (its organizer, status, dates, venue)
/// from the EventsTable (<c>EVENTS_TABLE</c>). The Events area's own store reads through it too, so
/// an event is read one way everywhere; writing events is the Events area's alone.
/// </summary>
public sealed class EventCatalog
{
    public const string TableSetting = "EVENTS_TABLE";

    private readonly IAmazonDynamoDB _dynamo;
    private readonly string? _table;

    public EventCatalog(IAmazonDynamoDB dynamo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        _dynamo = dynamo;
        _table = configuration[TableSetting];
    }

    /// <summary>The EventsTable's name (from <see cref="TableSetting"/>); throws when the setting is missing.</summary>
    public string Table => string.IsNullOrEmpty(_table) ? throw new InvalidOperationException($"{TableSetting} is not set.") : _table;

    /// <summary>The event, or null. <paramref name="consistent"/>: read the latest write (for decisions about it).</summary>
    public async Task<Event?> GetAsync(string eventId, bool consistent, CancellationToken ct)
    {
        var response = await _dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = Table,
            Key = EventItems.Key(eventId),
            ConsistentRead = consistent,
        }, ct);
        return response.Item is { Count: > 0 } item ? EventItems.FromItem(item) : null;
    }
}
