using MoneyAmount = BitcoinEvents.Domain.Money.Money;

namespace BitcoinEvents.Domain.Messages;

/// <summary>Money on the wire: minor units and a currency ({"amount": 2500, "currency": "EUR"}; BTC in satoshis).</summary>
public sealed record MoneyDto(long Amount, string Currency)
{
    public static MoneyDto From(MoneyAmount money) => new(money.Minor, money.Currency);

    public MoneyAmount ToMoney() => new(Amount, Currency);
}
