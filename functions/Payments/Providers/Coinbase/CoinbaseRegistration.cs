using Microsoft.Extensions.DependencyInjection;

namespace BitcoinEvents.Payments.Providers.Coinbase;

internal sealed class CoinbaseRegistration : IPaymentProviderRegistration
{
    public static CoinbaseRegistration Instance { get; } = new();

    public string Id => CoinbaseProvider.ProviderId;

    public string WebhookOperation => "ReceiveCoinbaseWebhook";

    public void AddServices(IServiceCollection services)
    {
        services.AddHttpClient(CoinbaseApi.ClientName, http => http.Timeout = TimeSpan.FromSeconds(20));
        services.AddSingleton<CoinbaseApi>();
        services.AddSingleton<IPaymentProvider, CoinbaseProvider>();
    }
}
