using BitcoinEvents.Payments.Crypto;
using Microsoft.Extensions.DependencyInjection;

namespace BitcoinEvents.Payments.Providers.Btcpay;

internal sealed class BtcpayRegistration : IPaymentProviderRegistration
{
    public static BtcpayRegistration Instance { get; } = new();

    public string Id => BtcpayProvider.ProviderId;

    public string WebhookOperation => "ReceiveBtcpayWebhook";

    public void AddServices(IServiceCollection services)
    {
        CryptoServices.Add(services);
        services.AddSingleton<IPaymentProvider, BtcpayProvider>();
    }
}
