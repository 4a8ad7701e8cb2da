using System.Globalization;
using BitcoinEvents.Domain.Messages;
using BitcoinEvents.Domain.Money;
using NodaTime;
using NodaTime.Text;

namespace BitcoinEvents.Notifications.Templates;

/// <summary>How notices write times and money: in the event's time zone, in each currency's minor unit (sats for bitcoin).</summary>
internal static class Formatting
{
    private static readonly ZonedDateTimePattern Pattern =
        ZonedDateTimePattern.CreateWithInvariantCulture("dddd d MMMM yyyy, HH:mm", DateTimeZoneProviders.Tzdb);

    /// <summary>"Monday 1 March 2027, 19:00 WET": the local time where the event happens, with the zone's abbreviation.</summary>
    public static string Time(DateTimeOffset instant, string timeZone)
    {
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZone) ?? DateTimeZone.Utc;
        var zoned = Instant.FromDateTimeOffset(instant).InZone(zone);
        return Pattern.Format(zoned) + " " + zoned.GetZoneInterval().Name;
    }

    /// <summary>"25.00 EUR", "1,500 JPY", "21,000 sats", "free".</summary>
    public static string Money(MoneyDto money)
    {
        ArgumentNullException.ThrowIfNull(money);
        if (money.Amount == 0)
        {
            return "free";
        }

        if (money.Currency == Currencies.Bitcoin)
        {
            return money.Amount.ToString("N0", CultureInfo.InvariantCulture) + (money.Amount == 1 ? " sat" : " sats");
        }

        var digits = Currencies.IsKnown(money.Currency) ? Currencies.MinorUnitDigits(money.Currency) : 2;
        var major = money.Amount / digits switch { 0 => 1m, 1 => 10m, 2 => 100m, 3 => 1000m, _ => 100m };
        return major.ToString("N" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + " " + money.Currency;
    }
}
