using BitcoinEvents.Domain.Money;
using MoneyAmount = BitcoinEvents.Domain.Money.Money;

namespace BitcoinEvents.Domain.Tests.Money;

public sealed class ExchangeRateTests
{
    private static readonly DateTimeOffset At = new(2027, 3, 1, 18, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(2500, "EUR", "50000", 50_000)] // exact: 25 EUR at 50,000 EUR/BTC is 0.0005 BTC
    [InlineData(1000, "USD", "64392.23", 15_530)] // 15,529.68… rounds up
    [InlineData(1, "USD", "64392.23", 16)] // one cent is 15.53 sats: never less than the price
    [InlineData(1000, "JPY", "9500000.5", 10_527)]
    [InlineData(1_000, "KWD", "19800.125", 5_051)]
    [InlineData(25_000_000, "EUR", "0.01", 2_500_000_000_000_000)] // a very cheap bitcoin still computes exactly
    public void SatoshisFor_RoundsUpToTheNextSatoshi(long minor, string currency, string perBitcoin, long satoshis)
    {
        Assert.True(ExchangeRate.TryParseRate(perBitcoin, out var rate));
        var exchange = new ExchangeRate(currency, rate, At, "test");
        Assert.Equal(satoshis, exchange.SatoshisFor(new MoneyAmount(minor, currency)));
    }

    [Fact]
    public void SatoshisFor_IsTheFewestSatoshisWorthThePrice()
    {
        var random = new Random(7);
        for (var i = 0; i < 5_000; i++)
        {
            var rate = new ExchangeRate("EUR", random.Next(1_000, 200_000) + (random.Next(0, 100_000) / 100_000m), At, "test");
            var price = new MoneyAmount(random.NextInt64(1, 10_000_000), "EUR");
            var sats = rate.SatoshisFor(price);
            Assert.True(rate.ValueOf(sats).Minor >= price.Minor, $"{sats} sats at {rate.PerBitcoin} are worth less than {price}");
            Assert.True(rate.ValueOf(sats - 1).Minor < price.Minor, $"{sats - 1} sats at {rate.PerBitcoin} already pay {price}");
        }
    }

    [Fact]
    public void ValueOf_RoundsDownToTheMinorUnit()
    {
        var rate = new ExchangeRate("USD", 64392.23m, At, "test");
        Assert.Equal(new MoneyAmount(1000, "USD"), rate.ValueOf(15_530)); // 10.0001…
        Assert.Equal(new MoneyAmount(999, "USD"), rate.ValueOf(15_529)); // 9.9995…
        Assert.Equal(new MoneyAmount(0, "USD"), rate.ValueOf(0));
    }

    [Fact]
    public void ARate_PricesOnlyItsOwnCurrency()
    {
        var rate = new ExchangeRate("USD", 64392.23m, At, "test");
        Assert.Throws<InvalidOperationException>(() => rate.SatoshisFor(new MoneyAmount(100, "EUR")));
    }

    [Theory]
    [InlineData("64392.23", true)]
    [InlineData("0.00000001", true)]
    [InlineData("0", false)]
    [InlineData("-64392.23", false)]
    [InlineData("6.4e4", false)]
    [InlineData("64,392.23", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("Infinity", false)]
    public void TryParseRate_AcceptsPositivePlainDecimalsOnly(string? text, bool valid)
    {
        Assert.Equal(valid, ExchangeRate.TryParseRate(text, out _));
    }

    [Fact]
    public void ARate_MustBePositive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExchangeRate("EUR", 0m, At, "test"));
        Assert.Throws<ArgumentException>(() => new ExchangeRate("XYZ", 1m, At, "test"));
    }
}
