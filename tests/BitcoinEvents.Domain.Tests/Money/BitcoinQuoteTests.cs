using BitcoinEvents.Domain.Money;
using BitcoinEvents.Domain.Results;
using MoneyAmount = BitcoinEvents.Domain.Money.Money;

namespace BitcoinEvents.Domain.Tests.Money;

public sealed class BitcoinQuoteTests
{
    private static readonly DateTimeOffset Now = new(2027, 3, 1, 18, 0, 0, TimeSpan.Zero);
    private static readonly ExchangeRate EuroRate = new("EUR", 50_000m, Now.AddSeconds(-20), "test");
    private static readonly MoneyAmount Price = new(2500, "EUR");

    [Fact]
    public void Lock_PricesTheOrderInSatoshisAtTheRate()
    {
        var quote = BitcoinQuote.Lock(Price, EuroRate, Now, Now.AddMinutes(15), TimeSpan.FromMinutes(10)).Value;
        Assert.Equal(50_000, quote.Satoshis);
        Assert.Equal(new MoneyAmount(50_000, "BTC"), quote.Amount);
        Assert.Equal(Price, quote.Price);
        Assert.Same(EuroRate, quote.Rate);
        Assert.Equal(Now, quote.LockedAt);
        Assert.Equal(Now.AddMinutes(10), quote.ValidUntil);
    }

    [Fact]
    public void Lock_NeverOutlivesTheHold()
    {
        var quote = BitcoinQuote.Lock(Price, EuroRate, Now, Now.AddMinutes(4), TimeSpan.FromMinutes(10)).Value;
        Assert.Equal(Now.AddMinutes(4), quote.ValidUntil);
    }

    [Fact]
    public void Lock_RefusesAnOrderPastItsDeadline()
    {
        var result = BitcoinQuote.Lock(Price, EuroRate, Now, Now, TimeSpan.FromMinutes(10));
        Assert.IsType<InvalidStateTransition>(result.Error);
    }

    [Fact]
    public void Lock_RefusesAFreeOrder()
    {
        var result = BitcoinQuote.Lock(new MoneyAmount(0, "EUR"), EuroRate, Now, Now.AddMinutes(15), TimeSpan.FromMinutes(10));
        Assert.IsType<InvalidStateTransition>(result.Error);
    }

    [Fact]
    public void Lock_TakesABitcoinPriceAsIs()
    {
        var quote = BitcoinQuote.Lock(new MoneyAmount(21_000, "BTC"), ExchangeRate.Identity(Now), Now, Now.AddMinutes(15), TimeSpan.FromMinutes(10)).Value;
        Assert.Equal(21_000, quote.Satoshis);
    }

    [Fact]
    public void IsValidAt_EndsAtTheDeadline()
    {
        var quote = BitcoinQuote.Lock(Price, EuroRate, Now, Now.AddMinutes(15), TimeSpan.FromMinutes(10)).Value;
        Assert.True(quote.IsValidAt(Now.AddMinutes(10).AddTicks(-1)));
        Assert.False(quote.IsValidAt(Now.AddMinutes(10)));
    }

    [Fact]
    public void Settle_MeasuresWhatArrivedAgainstTheQuote()
    {
        var quote = BitcoinQuote.Lock(Price, EuroRate, Now, Now.AddMinutes(15), TimeSpan.FromMinutes(10)).Value;
        var inTime = Now.AddMinutes(5);

        Assert.Equal(new QuoteSettlement(QuoteCoverage.Unpaid, 0, 50_000, 0, false), quote.Settle(0, inTime));
        Assert.Equal(new QuoteSettlement(QuoteCoverage.Underpaid, 30_000, 20_000, 0, false), quote.Settle(30_000, inTime));
        Assert.Equal(new QuoteSettlement(QuoteCoverage.Paid, 50_000, 0, 0, false), quote.Settle(50_000, inTime));
        Assert.Equal(new QuoteSettlement(QuoteCoverage.Overpaid, 50_700, 0, 700, false), quote.Settle(50_700, inTime));
    }

    [Fact]
    public void Settle_CoveredAfterTheDeadlineIsLate()
    {
        var quote = BitcoinQuote.Lock(Price, EuroRate, Now, Now.AddMinutes(15), TimeSpan.FromMinutes(10)).Value;
        var late = quote.Settle(50_000, quote.ValidUntil);
        Assert.True(late.Late);
        Assert.True(late.Covered);
        var stillShort = quote.Settle(10_000, quote.ValidUntil.AddMinutes(1));
        Assert.False(stillShort.Late);
        Assert.False(stillShort.Covered);
        Assert.Equal(40_000, stillShort.Missing);
    }
}
