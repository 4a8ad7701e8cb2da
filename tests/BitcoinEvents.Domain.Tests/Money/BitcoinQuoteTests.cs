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
    public void ToPaymentQuote_KeepsTheLockedIntegers()
    {
        var quote = BitcoinQuote.Lock(Price, EuroRate, Now, Now.AddMinutes(15), TimeSpan.FromMinutes(10)).Value.ToPaymentQuote();
        Assert.Equal(Price, quote.Settles);
        Assert.Equal(new MoneyAmount(50_000, "BTC"), quote.Amount);
        Assert.Equal("test", quote.Source);
        Assert.Equal(Now.AddMinutes(10), quote.ExpiresAt);
        Assert.Equal(new MoneyAmount(1250, "EUR"), quote.ToSettles(new MoneyAmount(25_000, "BTC")));
    }
}
