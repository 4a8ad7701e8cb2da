using NodaTime.TimeZones;

namespace BitcoinEvents.Domain.Places;

/// <summary>
/// IANA time zone names, checked against the tz database that NodaTime embeds (zones and links,
/// "Factory" not among them), so validation is the same on every machine and needs no zoneinfo
/// files at run time (Lambda's provided.al2023 image is minimal). Compared ordinally: IANA names
/// are case-sensitive. The database is read on first use, not at start.
/// </summary>
public static class TimeZoneIds
{
    /// <summary>True when <paramref name="id"/> is an IANA time zone name ("Europe/Lisbon", "UTC").</summary>
    public static bool IsKnown(string? id) =>
        id is not null && TzdbDateTimeZoneSource.Default.CanonicalIdMap.ContainsKey(id);
}
