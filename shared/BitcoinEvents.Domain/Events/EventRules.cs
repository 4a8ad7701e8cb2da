namespace BitcoinEvents.Domain.Events;

/// <summary>The limits an event must respect, in one place (validation and storage both lean on them).</summary>
public static class EventRules
{
    public const int TitleMaxLength = 200;
    public const int DescriptionMaxLength = 10_000;
    public const int VenueNameMaxLength = 200;
    public const int AddressLineMaxLength = 200;
    public const int MaxAddressLines = 4;
    public const int CityMaxLength = 100;
    public const int RegionMaxLength = 100;
    public const int PostalCodeMaxLength = 20;
    public const int MinCapacity = 1;
    public const int MaxCapacity = 1_000_000;
    public const int CancellationReasonMaxLength = 1_000;
    public const int CoverImageKeyMaxLength = 300;

    /// <summary>
    /// The longest an event may last. Together with <see cref="MaxLeadTimeYears"/> it bounds the year
    /// buckets a listing has to walk: a listed event started at most this long ago.
    /// </summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(31);

    /// <summary>An event may start at most this many years after it was last scheduled.</summary>
    public const int MaxLeadTimeYears = 5;
}

/// <summary>The JSON paths of an event's fields, as the client sends them; validation errors name these.</summary>
public static class EventFields
{
    public const string Title = "title";
    public const string Description = "description";
    public const string Venue = "venue";
    public const string VenueName = "venue.name";
    public const string VenueAddressLines = "venue.addressLines";
    public const string VenueCity = "venue.city";
    public const string VenueRegion = "venue.region";
    public const string VenuePostalCode = "venue.postalCode";
    public const string VenueCountry = "venue.country";
    public const string VenueTimeZone = "venue.timeZone";
    public const string StartsAt = "startsAt";
    public const string EndsAt = "endsAt";
    public const string Capacity = "capacity";
    public const string CoverImageKey = "coverImageKey";
    public const string Reason = "reason";

    public static string VenueAddressLine(int index) => $"{VenueAddressLines}[{index}]";
}
