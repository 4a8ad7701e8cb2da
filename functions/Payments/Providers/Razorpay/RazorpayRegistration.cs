using Microsoft.Extensions.DependencyInjection;

namespace BitcoinEvents.Payments.Providers.Razorpay;

/// <summary>Razorpay in the area: <c>POST /webhooks/razorpay</c> is ReceiveRazorpayWebhook.</summary>
internal sealed class RazorpayRegistration : IPaymentProviderRegistration
{
    public static RazorpayRegistration Instance { get; } = new();

    public string Id => RazorpayProvider.ProviderId;

    public string WebhookOperation => "ReceiveRazorpayWebhook";

    public void AddServices(IServiceCollection services)
    {
        services.AddHttpClient<RazorpayApi>();
        services.AddSingleton<IPaymentProvider, RazorpayProvider>();
    }
}
