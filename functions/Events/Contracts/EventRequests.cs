using System.ComponentModel.DataAnnotations;
using BitcoinEvents.Domain.Events;
using BitcoinEvents.Infrastructure.Http;

namespace BitcoinEvents.Events.Contracts;

// The request bodies as the API describes them. The attributes only describe (OpenAPI: required,
// lengths, ranges); the domain's validation decides, and names every invalid field in one answer.

/// <summary>Body of POST /events: every field the event needs.</summary>
public sealed record CreateEventRequest
{
    [Required]
    [StringLength(EventRules.TitleMaxLength, MinimumLength = 1)]
    public string? Title { get; init; }

    [StringLength(EventRules.DescriptionMaxLength)]
    public string? Description { get; init; }

    [Required]
    public VenueRequest? Venue { get; init; }

    /// <summary>RFC 3339 date-time with an offset.</summary>
    [Required]
    public DateTimeOffset? StartsAt { get; init; }

    /// <summary>RFC 3339 date-time with an offset; after startsAt, at most 31 days later.</summary>
    [Required]
    public DateTimeOffset? EndsAt { get; init; }

    [Required]
    [Range(EventRules.MinCapacity, EventRules.MaxCapacity)]
    public int? Capacity { get; init; }

    /// <summary>A key returned by POST /events/{eventId}/cover-image-uploads (so only on an edit, in practice).</summary>
    [StringLength(EventRules.CoverImageKeyMaxLength)]
    public string? CoverImageKey { get; init; }

    public EventInput ToInput() => new()
    {
        Title = Title,
        Description = Description,
        Venue = Venue?.ToInput(),
        StartsAt = StartsAt,
        EndsAt = EndsAt,
        Capacity = Capacity,
        CoverImageKey = CoverImageKey,
    };
}

/// <summary>
/// Body of PATCH /events/{eventId}: fields present replace, fields missing or null stay; an empty
/// string clears description or coverImageKey; a venue is replaced whole.
/// </summary>
public sealed record UpdateEventRequest
{
    [StringLength(EventRules.TitleMaxLength, MinimumLength = 1)]
    public string? Title { get; init; }

    [StringLength(EventRules.DescriptionMaxLength)]
    public string? Description { get; init; }

    public VenueRequest? Venue { get; init; }

    /// <summary>RFC 3339 date-time with an offset.</summary>
    public DateTimeOffset? StartsAt { get; init; }

    /// <summary>RFC 3339 date-time with an offset.</summary>
    public DateTimeOffset? EndsAt { get; init; }

    [Range(EventRules.MinCapacity, EventRules.MaxCapacity)]
    public int? Capacity { get; init; }

    /// <summary>A key returned by POST /events/{eventId}/cover-image-uploads; "" removes the cover.</summary>
    [StringLength(EventRules.CoverImageKeyMaxLength)]
    public string? CoverImageKey { get; init; }

    public EventInput ToInput() => new()
    {
        Title = Title,
        Description = Description,
        Venue = Venue?.ToInput(),
        StartsAt = StartsAt,
        EndsAt = EndsAt,
        Capacity = Capacity,
        CoverImageKey = CoverImageKey,
    };
}

/// <summary>A venue, always sent whole.</summary>
public sealed record VenueRequest
{
    [Required]
    [StringLength(EventRules.VenueNameMaxLength, MinimumLength = 1)]
    public string? Name { get; init; }

    [Required]
    [ItemCount(1, EventRules.MaxAddressLines)]
    public IReadOnlyList<string?>? AddressLines { get; init; }

    [Required]
    [StringLength(EventRules.CityMaxLength, MinimumLength = 1)]
    public string? City { get; init; }

    [StringLength(EventRules.RegionMaxLength)]
    public string? Region { get; init; }

    [StringLength(EventRules.PostalCodeMaxLength)]
    public string? PostalCode { get; init; }

    /// <summary>ISO 3166-1 alpha-2, such as PT.</summary>
    [Required]
    [RegularExpression("^[A-Za-z]{2}$")]
    public string? Country { get; init; }

    /// <summary>IANA time zone, such as Europe/Lisbon.</summary>
    [Required]
    [StringLength(64, MinimumLength = 1)]
    public string? TimeZone { get; init; }

    public VenueInput ToInput() => new()
    {
        Name = Name,
        AddressLines = AddressLines,
        City = City,
        Region = Region,
        PostalCode = PostalCode,
        Country = Country,
        TimeZone = TimeZone,
    };
}

/// <summary>Body of POST /events/{eventId}/cancel.</summary>
public sealed record CancelEventRequest
{
    /// <summary>Why: attendees read it.</summary>
    [Required]
    [StringLength(EventRules.CancellationReasonMaxLength, MinimumLength = 1)]
    public string? Reason { get; init; }
}

/// <summary>Body of POST /events/{eventId}/cover-image-uploads.</summary>
public sealed record CoverImageUploadRequest
{
    /// <summary>image/jpeg, image/png or image/webp.</summary>
    [Required]
    [AllowedValues("image/jpeg", "image/png", "image/webp")]
    public string? ContentType { get; init; }
}
