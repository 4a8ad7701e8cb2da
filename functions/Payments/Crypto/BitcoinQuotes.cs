using System.Globalization;
using BitcoinEvents.Domain.Money;
using BitcoinEvents.Domain.Payments;
using BitcoinEvents.Domain.Results;
using BitcoinEvents.Payments.Providers;

namespace BitcoinEvents.Payments.Crypto;

/// <summary>
/// Prices a payment in bitcoin: the order's total at the rate source's current rate, rounded up to
/// the satoshi, locked for <see cref="CryptoSettings.QuoteMinutes"/> but never past the payment's
/// deadline (the order's hold).
/// </summary>
internal sealed class BitcoinQuotes(BitcoinRates rates, ProviderSettings settings, TimeProvider clock)
{
    public bool IsConfigured => rates.IsConfigured;

    public TimeSpan Validity =>
        int.TryParse(settings.Optional(CryptoSettings.QuoteMinutes), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) && minutes is > 0 and <= 24 * 60
            ? TimeSpan.FromMinutes(minutes)
            : TimeSpan.FromMinutes(CryptoSettings.DefaultQuoteMinutes);

    /// <summary>A quote of <paramref name="payment"/>'s <see cref="Payment.Settles"/>, or why there can be none.</summary>
    public async Task<Result<BitcoinQuote>> LockAsync(Payment payment, TimeSpan? validity, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(payment);
        var price = payment.Settles;
        ExchangeRate rate;
        if (price.Currency == Currencies.Bitcoin)
        {
            rate = ExchangeRate.Identity(clock.GetUtcNow());
        }
        else
        {
            var source = rates.Source ?? throw new ProviderNotConfiguredException(CryptoSettings.RateSource);
            var found = await source.GetAsync(price.Currency, ct);
            if (found is null)
            {
                return new ValidationFailed("provider", $"cannot price {price.Currency} in bitcoin right now: choose another provider.");
            }

            rate = found;
        }

        return BitcoinQuote.Lock(price, rate, clock.GetUtcNow(), payment.Deadline, validity ?? Validity);
    }
}

/// <summary>The configured bitcoin network.</summary>
internal static class CryptoNetwork
{
    public static BitcoinNetwork From(ProviderSettings settings, BitcoinNetwork fallback = BitcoinNetwork.Mainnet)
    {
        var name = settings.Optional(CryptoSettings.Network);
        if (name is null)
        {
            return fallback;
        }

        return BitcoinNetworks.TryParse(name, out var network)
            ? network
            : throw new InvalidOperationException($"{CryptoSettings.Network} must be mainnet, testnet, signet or regtest.");
    }
}
