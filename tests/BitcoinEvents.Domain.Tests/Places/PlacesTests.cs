using BitcoinEvents.Domain.Places;

namespace BitcoinEvents.Domain.Tests.Places;

public sealed class PlacesTests
{
    [Theory]
    [InlineData("PT", true)]
    [InlineData("SV", true)]
    [InlineData("IN", true)]
    [InlineData("pt", false)]
    [InlineData("UK", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void CountryCodes_KnowTheAssignedUpperCaseCodes(string? code, bool assigned)
    {
        Assert.Equal(assigned, CountryCodes.IsAssigned(code));
    }

    [Theory]
    [InlineData("Europe/Lisbon", true)]
    [InlineData("America/Argentina/Buenos_Aires", true)]
    [InlineData("Etc/GMT+5", true)]
    [InlineData("Europe/Kyiv", true)]
    [InlineData("Europe/Kiev", true)]
    [InlineData("Asia/Calcutta", true)]
    [InlineData("UTC", true)]
    [InlineData("Factory", false)]
    [InlineData("Europe/Atlantis", false)]
    [InlineData("+01:00", false)]
    [InlineData("", false)]
    [InlineData("Europe/Lisbon ", false)]
    [InlineData("EUROPE/LISBON", false)]
    [InlineData("Pacific Standard Time", false)]
    [InlineData(null, false)]
    public void TimeZoneIds_KnowIanaNamesOnly(string? id, bool known)
    {
        Assert.Equal(known, TimeZoneIds.IsKnown(id));
    }
}
