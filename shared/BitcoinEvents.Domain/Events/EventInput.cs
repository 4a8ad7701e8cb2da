namespace BitcoinEvents.Domain.Events;

/// <summary>
/// An event's editable fields as a client sent them, unchecked: anything may be missing or wrong.
/// For a create every required field must be there; for an edit a missing (null) field keeps its
/// current value and a present one replaces it (the venue is replaced as a whole).
/// </summary>
public sealed record EventInput
{
    public string? Title { get; init; }

    /// <summary>Optional; on an edit an empty string clears it.</summary>
    public string? Description { get; init; }

    public VenueInput? Venue { get; init; }

    public DateTimeOffset? StartsAt { get; init; }

    public DateTimeOffset? EndsAt { get; init; }

    public int? Capacity { get; init; }

    /// <summary>Optional; must lie under <c>events/{eventId}/cover/</c>. On an edit an empty string clears it.</summary>
    public string? CoverImageKey { get; init; }
}

/// <summary>A venue as the client sent it, unchecked.</summary>
public sealed record VenueInput
{
    public string? Name { get; init; }

    public IReadOnlyList<string?>? AddressLines { get; init; }

    public string? City { get; init; }

    public string? Region { get; init; }

    public string? PostalCode { get; init; }

    /// <summary>ISO 3166-1 alpha-2 ("PT").</summary>
    public string? Country { get; init; }

    /// <summary>IANA time zone ("Europe/Lisbon").</summary>
    public string? TimeZone { get; init; }

    public static VenueInput From(Venue venue)
    {
        ArgumentNullException.ThrowIfNull(venue);
        return new VenueInput
        {
            Name = venue.Name,
            AddressLines = [.. venue.AddressLines],
            City = venue.City,
            Region = venue.Region,
            PostalCode = venue.PostalCode,
            Country = venue.Country,
            TimeZone = venue.TimeZone,
        };
    }
}
