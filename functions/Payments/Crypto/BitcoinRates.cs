using System.Globalization;
using BitcoinEvents.Domain.Money;
using BitcoinEvents.Payments.Providers;
using BitcoinEvents.Payments.Providers.Btcpay;

namespace BitcoinEvents.Payments.Crypto;

/// <summary>A source of bitcoin prices: what one bitcoin is worth in a currency, now.</summary>
public interface IBitcoinRateSource
{
    /// <summary>The source's name, recorded on every quote it priced (<c>btcpay</c>, <c>fixed</c>).</summary>
    string Name { get; }

    /// <summary>True when this process can ask it.</summary>
    bool IsConfigured { get; }

    /// <summary>The rate for <paramref name="currency"/>, or null when the source has none for it; throws when the source is down.</summary>
    Task<ExchangeRate?> GetAsync(string currency, CancellationToken ct);
}

/// <summary>
/// Dev and tests: rates from configuration (<c>BITCOIN_FIXED_RATES=EUR=50000;USD=60000</c>), so a
/// local quote is the same every time. Never the production source.
/// </summary>
internal sealed class FixedBitcoinRates(ProviderSettings settings, TimeProvider clock) : IBitcoinRateSource
{
    public string Name => "fixed";

    public bool IsConfigured => settings.Optional(CryptoSettings.FixedRates) is not null;

    public Task<ExchangeRate?> GetAsync(string currency, CancellationToken ct)
    {
        foreach (var pair in (settings.Optional(CryptoSettings.FixedRates) ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && string.Equals(parts[0], currency, StringComparison.Ordinal) && ExchangeRate.TryParseRate(parts[1], out var rate))
            {
                return Task.FromResult<ExchangeRate?>(new ExchangeRate(currency, rate, clock.GetUtcNow(), Name));
            }
        }

        return Task.FromResult<ExchangeRate?>(null);
    }
}

/// <summary>
/// Production: the BTCPay store's own rate (GET /api/v1/stores/{storeId}/rates?currencyPair=BTC_EUR),
/// computed on request from the rate source and spread the merchant configured in the store. The
/// quote then agrees with what the merchant's BTCPay shows, needs no second vendor or key, and the
/// same source prices BitGo payments.
/// </summary>
internal sealed class BtcpayStoreRates(BtcpayApi btcpay, ProviderSettings settings, TimeProvider clock) : IBitcoinRateSource
{
    public string Name => "btcpay";

    public bool IsConfigured =>
        settings.Optional(BtcpaySettings.ApiBase) is not null && settings.Optional(BtcpaySettings.StoreId) is not null && settings.Optional(BtcpaySettings.ApiKey) is not null;

    public async Task<ExchangeRate?> GetAsync(string currency, CancellationToken ct)
    {
        var pair = string.Create(CultureInfo.InvariantCulture, $"BTC_{currency}");
        var rate = await btcpay.GetRateAsync(pair, ct);
        return rate is { Errors: null or { Count: 0 } } && ExchangeRate.TryParseRate(rate.Rate, out var value)
            ? new ExchangeRate(currency, value, clock.GetUtcNow(), Name)
            : null;
    }
}

/// <summary>The configured rate source (<see cref="CryptoSettings.RateSource"/>).</summary>
internal sealed class BitcoinRates(FixedBitcoinRates fixedRates, BtcpayStoreRates btcpayRates, ProviderSettings settings)
{
    public IBitcoinRateSource? Source => settings.Optional(CryptoSettings.RateSource)?.ToUpperInvariant() switch
    {
        "FIXED" => fixedRates,
        "BTCPAY" => btcpayRates,
        null => btcpayRates.IsConfigured ? btcpayRates : fixedRates.IsConfigured ? fixedRates : null,
        _ => null,
    };

    public bool IsConfigured => Source?.IsConfigured ?? false;
}
