namespace BitcoinEvents.Domain.Events;

/// <summary>Where an event takes place. Built only by <see cref="EventValidation"/> (or read back from storage).</summary>
public sealed record Venue(
    string Name,
    IReadOnlyList<string> AddressLines,
    string City,
    string? Region,
    string? PostalCode,
    string Country,
    string TimeZone)
{
    public bool Equals(Venue? other) =>
        other is not null
        && Name == other.Name
        && AddressLines.SequenceEqual(other.AddressLines, StringComparer.Ordinal)
        && City == other.City
        && Region == other.Region
        && PostalCode == other.PostalCode
        && Country == other.Country
        && TimeZone == other.TimeZone;

    public override int GetHashCode() => HashCode.Combine(Name, City, Country, TimeZone);
}
