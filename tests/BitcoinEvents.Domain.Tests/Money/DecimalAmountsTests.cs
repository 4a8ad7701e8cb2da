using BitcoinEvents.Domain.Money;

namespace BitcoinEvents.Domain.Tests.Money;

public sealed class DecimalAmountsTests
{
    [Theory]
    [InlineData("49.99", "EUR", 4999)]
    [InlineData("0.00012345", "BTC", 12345)]
    [InlineData("1", "BTC", 100_000_000)]
    [InlineData("1.230000000000", "BTC", 123_000_000)]
    [InlineData("5", "JPY", 5)]
    [InlineData("0.5", "KWD", 500)]
    [InlineData("0", "USD", 0)]
    [InlineData("92233720368.54775807", "BTC", long.MaxValue)]
    public void TryParse_ReadsProviderAmountsExactly(string text, string currency, long minor)
    {
        Assert.True(DecimalAmounts.TryParse(text, currency, out var money));
        Assert.Equal(new BitcoinEvents.Domain.Money.Money(minor, currency), money);
    }

    [Theory]
    [InlineData("0.000000001", "BTC")] // a tenth of a satoshi
    [InlineData("49.999", "EUR")]
    [InlineData("1.5", "JPY")]
    [InlineData("-1.00", "EUR")]
    [InlineData("1e3", "EUR")]
    [InlineData("+1", "EUR")]
    [InlineData(" 1", "EUR")]
    [InlineData("1 ", "EUR")]
    [InlineData("1,5", "EUR")]
    [InlineData("1,000.00", "EUR")]
    [InlineData("1.", "EUR")]
    [InlineData(".5", "EUR")]
    [InlineData("-", "EUR")]
    [InlineData("", "EUR")]
    [InlineData(null, "EUR")]
    [InlineData("NaN", "EUR")]
    [InlineData("１", "EUR")] // a full-width digit is not a digit here
    [InlineData("92233720368.54775808", "BTC")] // one satoshi past long.MaxValue
    [InlineData("1.00", "XYZ")]
    public void TryParse_RefusesWhatIsNotAnAmountOfThatCurrency(string? text, string currency)
    {
        Assert.False(DecimalAmounts.TryParse(text, currency, out _));
    }

    [Theory]
    [InlineData("-0.5", 8, -50_000_000)]
    [InlineData("-92233720368.54775808", 8, long.MinValue)]
    [InlineData("-0", 2, 0)]
    public void TryParseMinorUnits_AcceptsSignedAmounts(string text, int digits, long minor)
    {
        Assert.True(DecimalAmounts.TryParseMinorUnits(text, digits, out var parsed));
        Assert.Equal(minor, parsed);
    }

    [Theory]
    [InlineData(4999, 2, "49.99")]
    [InlineData(12345, 8, "0.00012345")]
    [InlineData(100_000_000, 8, "1.00000000")]
    [InlineData(5, 0, "5")]
    [InlineData(0, 2, "0.00")]
    [InlineData(-1, 2, "-0.01")]
    [InlineData(long.MinValue, 8, "-92233720368.54775808")]
    [InlineData(long.MaxValue, 8, "92233720368.54775807")]
    public void Format_WritesEveryMinorDigit(long minor, int digits, string text)
    {
        Assert.Equal(text, DecimalAmounts.Format(minor, digits));
    }

    [Theory]
    [InlineData(100_000_000, 8, "1")]
    [InlineData(10_000, 8, "0.0001")]
    [InlineData(12345, 8, "0.00012345")]
    [InlineData(0, 8, "0")]
    [InlineData(1000, 0, "1000")]
    [InlineData(2500, 2, "25")]
    public void FormatShortest_DropsTrailingZeros(long minor, int digits, string text)
    {
        Assert.Equal(text, DecimalAmounts.FormatShortest(minor, digits));
    }

    [Fact]
    public void FormatThenParse_RoundTripsEveryAmount()
    {
        var random = new Random(20261130);
        for (var i = 0; i < 20_000; i++)
        {
            var minor = random.NextInt64(long.MinValue, long.MaxValue);
            var digits = random.Next(0, 19);
            Assert.True(DecimalAmounts.TryParseMinorUnits(DecimalAmounts.Format(minor, digits), digits, out var back));
            Assert.Equal(minor, back);
            Assert.True(DecimalAmounts.TryParseMinorUnits(DecimalAmounts.FormatShortest(minor, digits), digits, out back));
            Assert.Equal(minor, back);
        }
    }
}
