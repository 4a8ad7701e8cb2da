using Microsoft.Extensions.DependencyInjection;

namespace BitcoinEvents.Payments.Providers.Stripe;

/// <summary>Stripe in the area: <c>POST /webhooks/stripe</c> is ReceiveStripeWebhook.</summary>
internal sealed class StripeRegistration : IPaymentProviderRegistration
{
    public static StripeRegistration Instance { get; } = new();

    public string Id => StripeProvider.ProviderId;

    public string WebhookOperation => "ReceiveStripeWebhook";

    public void AddServices(IServiceCollection services)
    {
        services.AddHttpClient<StripeApi>();
        services.AddSingleton<IPaymentProvider, StripeProvider>();
    }
}
