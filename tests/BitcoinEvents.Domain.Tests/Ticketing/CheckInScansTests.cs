using BitcoinEvents.Domain.Results;
using BitcoinEvents.Domain.Ticketing;

namespace BitcoinEvents.Domain.Tests.Ticketing;

/// <summary>What a scan must say: ids the scanner made up, the token, and a time that is neither ahead of the server nor stale.</summary>
public sealed class CheckInScansTests
{
    private static readonly DateTimeOffset Now = new(2030, 3, 1, 18, 0, 0, TimeSpan.Zero);

    private static ScanInput Valid => new() { ScanId = "3f0c8d2e-5b7a-4c1e-9d6f-2a4b8c0e1f3d", Token = "a.b.c", DeviceId = "north-gate" };

    [Fact]
    public void AnOnlineScanWithoutATime_WasMadeNow()
    {
        var scan = CheckInScans.Validate(Valid, "", Now, offline: false, []);

        Assert.Equal(Now, scan!.ScannedAt);
        Assert.Null(scan.SessionId);
    }

    [Fact]
    public void AnOfflineScan_MustSayWhen_AndTheFieldIsNamedWithItsPath()
    {
        var errors = new List<FieldError>();

        Assert.Null(CheckInScans.Validate(Valid, "scans[2].", Now, offline: true, errors));
        Assert.Equal("scans[2].scannedAt", Assert.Single(errors).Field);
    }

    [Theory]
    [InlineData(10, "scannedAt")]
    [InlineData(-60 * 24 * 8, "scannedAt")]
    public void ATimeAheadOfTheServerOrOlderThanAWeek_IsRefused(int minutesFromNow, string field)
    {
        var errors = new List<FieldError>();

        CheckInScans.Validate(Valid with { ScannedAt = Now.AddMinutes(minutesFromNow) }, "", Now, offline: true, errors);

        Assert.Equal(field, Assert.Single(errors).Field);
    }

    [Fact]
    public void ClockSkewOfAFewMinutes_IsTolerated()
    {
        Assert.NotNull(CheckInScans.Validate(Valid with { ScannedAt = Now.AddMinutes(4) }, "", Now, offline: true, []));
    }

    [Fact]
    public void EveryBadField_IsNamedInOneAnswer()
    {
        var errors = new List<FieldError>();

        CheckInScans.Validate(new ScanInput { ScanId = "has space", Token = new string('t', CheckInScans.TokenMaxLength + 1), DeviceId = "", SessionId = "S1" }, "", Now, offline: false, errors);

        Assert.Equal(["deviceId", "scanId", "sessionId", "token"], errors.Select(e => e.Field).Order());
    }

    [Fact]
    public void NoScanAtAll_NamesTheBodyOrTheItem()
    {
        var errors = new List<FieldError>();

        CheckInScans.Validate(null, "scans[0].", Now, offline: true, errors);
        CheckInScans.Validate(null, "", Now, offline: false, errors);

        Assert.Equal(["scans[0]", "body"], errors.Select(e => e.Field));
    }
}
