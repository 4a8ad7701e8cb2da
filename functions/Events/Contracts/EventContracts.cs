using System.Text.Json;
using System.Text.Json.Serialization;
using BitcoinEvents.Domain.Events;
using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.Infrastructure.Pagination;

namespace BitcoinEvents.Events.Contracts;

/// <summary>An event as the API shows it (camelCase JSON, nulls omitted; no storage keys).</summary>
public sealed record EventResponse(
    string Id,
    string OrganizerId,
    string Title,
    string? Description,
    VenueResponse Venue,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    int Capacity,
    string? CoverImageKey,
    string Status,
    string? CancellationReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? PublishedAt,
    DateTimeOffset? CancelledAt,
    DateTimeOffset? CompletedAt,
    long Version)
{
    public static EventResponse From(Event e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(
            e.Id,
            e.OrganizerId,
            e.Title,
            e.Description,
            new VenueResponse(e.Venue.Name, e.Venue.AddressLines, e.Venue.City, e.Venue.Region, e.Venue.PostalCode, e.Venue.Country, e.Venue.TimeZone),
            e.StartsAt,
            e.EndsAt,
            e.Capacity,
            e.CoverImageKey,
            e.Status.ToName(),
            e.CancellationReason,
            e.CreatedAt,
            e.UpdatedAt,
            e.PublishedAt,
            e.CancelledAt,
            e.CompletedAt,
            e.Version);
    }
}

public sealed record VenueResponse(
    string Name,
    IReadOnlyList<string> AddressLines,
    string City,
    string? Region,
    string? PostalCode,
    string Country,
    string TimeZone);

/// <summary>A page of events; pass <see cref="NextCursor"/> as <c>cursor</c> for the next one (absent on the last page).</summary>
public sealed record EventPageResponse(IReadOnlyList<EventResponse> Items, string? NextCursor)
{
    public static EventPageResponse From(Page<Event> page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return new([.. page.Items.Select(EventResponse.From)], page.NextCursor);
    }
}

/// <summary>
/// Where to PUT a cover image: send exactly <see cref="Headers"/> before <see cref="ExpiresAt"/>, then
/// set <see cref="Key"/> as the event's <c>coverImageKey</c> (PATCH /events/{eventId}).
/// </summary>
public sealed record CoverImageUploadResponse(
    Uri UploadUrl,
    string Method,
    IReadOnlyDictionary<string, string> Headers,
    string Key,
    DateTimeOffset ExpiresAt);

/// <summary>Source-generated JSON for the Events API (Native AOT: no reflection), with the platform's rules.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    NumberHandling = PlatformJson.StrictNumbers,
    AllowDuplicateProperties = false,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(Rfc3339DateTimeOffsetConverter), typeof(Rfc3339NullableDateTimeOffsetConverter)])]
[JsonSerializable(typeof(CreateEventRequest))]
[JsonSerializable(typeof(UpdateEventRequest))]
[JsonSerializable(typeof(EventResponse))]
[JsonSerializable(typeof(EventPageResponse))]
[JsonSerializable(typeof(CancelEventRequest))]
[JsonSerializable(typeof(CoverImageUploadRequest))]
[JsonSerializable(typeof(CoverImageUploadResponse))]
public sealed partial class EventsJsonContext : JsonSerializerContext;
