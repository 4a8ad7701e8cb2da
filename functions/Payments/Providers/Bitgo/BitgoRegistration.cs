using BitcoinEvents.Payments.Crypto;
using Microsoft.Extensions.DependencyInjection;

namespace BitcoinEvents.Payments.Providers.Bitgo;

internal sealed class BitgoRegistration : IPaymentProviderRegistration
{
    public static BitgoRegistration Instance { get; } = new();

    public string Id => BitgoProvider.ProviderId;

    public string WebhookOperation => "ReceiveBitgoWebhook";

    public void AddServices(IServiceCollection services)
    {
        CryptoServices.Add(services);
        services.AddHttpClient(BitgoApi.ClientName, http => http.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<BitgoApi>();
        services.AddSingleton<IPaymentProvider, BitgoProvider>();
    }
}
