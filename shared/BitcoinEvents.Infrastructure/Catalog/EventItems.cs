using Amazon.DynamoDBv2.Model;
using BitcoinEvents.Domain.Events;
using BitcoinEvents.Infrastructure.Storage;

namespace BitcoinEvents.Infrastructure.Catalog;

/// <summary>
/// The EventsTable layout. One item per event: pk <c>EVENT#{id}</c>, sk <c>EVENT</c>. Index
/// attributes are sparse: ByStart (<c>START#{yyyy}</c>, <c>{startsAt}#{id}</c>) and ByPublished
/// (<c>PUBLISHED#{yyyy}</c>, <c>{publishedAt}#{id}</c>) only while the event is listed (published);
/// ByOrganizer (<c>ORGANIZER#{sub}</c>, <c>{createdAt}#{id}</c>) always. Year buckets keep any one
/// index partition from running hot; instants are fixed-width UTC strings, so they sort.
/// The Events area's store writes this layout; other areas read events through <see cref="EventCatalog"/>.
/// </summary>
public static class EventItems
{
    public const string Pk = "pk";
    public const string Sk = "sk";
    public const string EventSk = "EVENT";

    public const string ByStart = "ByStart";
    public const string StartPk = "gsi1pk";
    public const string StartSk = "gsi1sk";
    public const string ByPublished = "ByPublished";
    public const string PublishedPk = "gsi2pk";
    public const string PublishedSk = "gsi2sk";
    public const string ByOrganizer = "ByOrganizer";
    public const string OrganizerPk = "gsi3pk";
    public const string OrganizerSk = "gsi3sk";

    public static string PartitionKey(string eventId) => $"EVENT#{eventId}";

    public const string StartPrefix = "START#";
    public const string PublishedPrefix = "PUBLISHED#";

    public static string StartPartition(int year) => $"{StartPrefix}{year:D4}";

    public static string PublishedPartition(int year) => $"{PublishedPrefix}{year:D4}";

    public static string OrganizerPartition(string organizerId) => $"ORGANIZER#{organizerId}";

    public static string IndexSortKey(DateTimeOffset instant, string eventId) => $"{Attr.Instant(instant)}#{eventId}";

    public static Dictionary<string, AttributeValue> Key(string eventId) => new()
    {
        [Pk] = Attr.S(PartitionKey(eventId)),
        [Sk] = Attr.S(EventSk),
    };

    /// <summary>The key a query of an index resumes after: the index key plus the table key.</summary>
    public static Dictionary<string, AttributeValue> IndexKey(string pkAttribute, string partition, string skAttribute, string sortKey) => new()
    {
        [pkAttribute] = Attr.S(partition),
        [skAttribute] = Attr.S(sortKey),
        [Pk] = Attr.S(PartitionKey(EventIdOf(sortKey))),
        [Sk] = Attr.S(EventSk),
    };

    /// <summary>The event id at the end of an index sort key (<c>{instant}#{id}</c>).</summary>
    public static string EventIdOf(string indexSortKey) => indexSortKey[(indexSortKey.LastIndexOf('#') + 1)..];

    public static Dictionary<string, AttributeValue> ToItem(Event e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var item = Key(e.Id);
        item["id"] = Attr.S(e.Id);
        item["organizerId"] = Attr.S(e.OrganizerId);
        item["title"] = Attr.S(e.Title);
        item["venue"] = Attr.M(VenueToMap(e.Venue));
        item["startsAt"] = Attr.S(Attr.Instant(e.StartsAt));
        item["endsAt"] = Attr.S(Attr.Instant(e.EndsAt));
        item["capacity"] = Attr.N(e.Capacity);
        item["status"] = Attr.S(e.Status.ToName());
        item["createdAt"] = Attr.S(Attr.Instant(e.CreatedAt));
        item["updatedAt"] = Attr.S(Attr.Instant(e.UpdatedAt));
        item["version"] = Attr.N(e.Version);
        AddOptional(item, "description", e.Description);
        AddOptional(item, "coverImageKey", e.CoverImageKey);
        AddOptional(item, "cancellationReason", e.CancellationReason);
        AddOptional(item, "publishedAt", e.PublishedAt is { } p ? Attr.Instant(p) : null);
        AddOptional(item, "cancelledAt", e.CancelledAt is { } c ? Attr.Instant(c) : null);
        AddOptional(item, "completedAt", e.CompletedAt is { } d ? Attr.Instant(d) : null);

        item[OrganizerPk] = Attr.S(OrganizerPartition(e.OrganizerId));
        item[OrganizerSk] = Attr.S(IndexSortKey(e.CreatedAt, e.Id));
        if (e.IsListed)
        {
            var publishedAt = e.PublishedAt ?? throw new InvalidOperationException("A listed event has a publication time.");
            item[StartPk] = Attr.S(StartPartition(e.StartsAt.UtcDateTime.Year));
            item[StartSk] = Attr.S(IndexSortKey(e.StartsAt, e.Id));
            item[PublishedPk] = Attr.S(PublishedPartition(publishedAt.UtcDateTime.Year));
            item[PublishedSk] = Attr.S(IndexSortKey(publishedAt, e.Id));
        }

        return item;
    }

    public static Event FromItem(IReadOnlyDictionary<string, AttributeValue> item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var statusName = Attr.RequireString(item, "status");
        if (!EventStatusNames.TryParse(statusName, out var status))
        {
            throw new InvalidDataException($"Unknown event status '{statusName}'.");
        }

        return new Event
        {
            Id = Attr.RequireString(item, "id"),
            OrganizerId = Attr.RequireString(item, "organizerId"),
            Title = Attr.RequireString(item, "title"),
            Description = Attr.GetString(item, "description"),
            Venue = VenueFromMap(item.TryGetValue("venue", out var venue) && venue.M is { } map ? map : throw new InvalidDataException("Attribute 'venue' is missing.")),
            StartsAt = Attr.RequireInstant(item, "startsAt"),
            EndsAt = Attr.RequireInstant(item, "endsAt"),
            Capacity = checked((int)Attr.GetLong(item, "capacity")),
            CoverImageKey = Attr.GetString(item, "coverImageKey"),
            Status = status,
            CancellationReason = Attr.GetString(item, "cancellationReason"),
            CreatedAt = Attr.RequireInstant(item, "createdAt"),
            UpdatedAt = Attr.RequireInstant(item, "updatedAt"),
            PublishedAt = Attr.GetInstant(item, "publishedAt"),
            CancelledAt = Attr.GetInstant(item, "cancelledAt"),
            CompletedAt = Attr.GetInstant(item, "completedAt"),
            Version = Attr.GetLong(item, "version"),
        };
    }

    private static Dictionary<string, AttributeValue> VenueToMap(Venue venue)
    {
        var map = new Dictionary<string, AttributeValue>
        {
            ["name"] = Attr.S(venue.Name),
            ["addressLines"] = Attr.L(venue.AddressLines),
            ["city"] = Attr.S(venue.City),
            ["country"] = Attr.S(venue.Country),
            ["timeZone"] = Attr.S(venue.TimeZone),
        };
        AddOptional(map, "region", venue.Region);
        AddOptional(map, "postalCode", venue.PostalCode);
        return map;
    }

    private static Venue VenueFromMap(Dictionary<string, AttributeValue> map) => new(
        Attr.RequireString(map, "name"),
        map.TryGetValue("addressLines", out var lines) && lines.L is { } list ? [.. list.Select(l => l.S)] : [],
        Attr.RequireString(map, "city"),
        Attr.GetString(map, "region"),
        Attr.GetString(map, "postalCode"),
        Attr.RequireString(map, "country"),
        Attr.RequireString(map, "timeZone"));

    private static void AddOptional(Dictionary<string, AttributeValue> item, string name, string? value)
    {
        if (value is not null)
        {
            item[name] = Attr.S(value);
        }
    }
}
