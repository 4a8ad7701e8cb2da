using BitcoinEvents.Payments.Providers.Btcpay;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BitcoinEvents.Payments.Crypto;

/// <summary>What the bitcoin providers share (rates, quotes, the BTCPay client the rates use); each crypto registration adds it, once.</summary>
internal static class CryptoServices
{
    public static void Add(IServiceCollection services)
    {
        services.AddHttpClient(BtcpayApi.ClientName, http => http.Timeout = TimeSpan.FromSeconds(20));
        services.TryAddSingleton<BtcpayApi>();
        services.TryAddSingleton<FixedBitcoinRates>();
        services.TryAddSingleton<BtcpayStoreRates>();
        services.TryAddSingleton<BitcoinRates>();
        services.TryAddSingleton<BitcoinQuotes>();
    }
}
